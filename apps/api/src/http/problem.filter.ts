import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, requestContext } from '@grants/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { codeForStatus, Problem, problemType, statusFor } from './problem';

/** Fastify's own errors (body parsing, content type, size) carry a statusCode and an FST_ code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const FASTIFY_CODES: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: ErrorCode.PayloadTooLarge,
    detail: 'The request body is larger than allowed',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ErrorCode.UnsupportedMediaType,
    detail: 'Send the body as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ErrorCode.ValidationFailed, detail: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ErrorCode.ValidationFailed, detail: 'The body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: ErrorCode.ValidationFailed, detail: 'Content-Length is wrong' },
};

/** Every 400 names what was wrong (api.md); where nothing narrower is known, that is the request itself. */
export function toProblem(error: unknown, correlationId: string): Problem {
  const problem = problemFor(error, correlationId);
  if (problem.status === 400 && !problem.errors?.length) {
    problem.errors = [{ field: '(request)', message: problem.detail }];
  }
  return problem;
}

function problemFor(error: unknown, correlationId: string): Problem {
  if (error instanceof DomainError) {
    const { status, title } = statusFor(error.code);
    return {
      type: problemType(error.code),
      title,
      status,
      detail: error.message,
      code: error.code,
      correlationId,
      ...error.details,
      ...(error.fieldErrors.length ? { errors: error.fieldErrors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeForStatus(status);
    const title = code === 'internal_error' ? 'Error' : statusFor(code).title;
    const detail = status === 404 ? 'There is nothing at this address' : error.message;
    return { type: problemType(code), title, status, detail, code, correlationId };
  }
  // inTransaction retries serialization failures and deadlocks; one that still fails is "busy, try again".
  const driverCode = (error as { driverError?: { code?: string } })?.driverError?.code;
  if (driverCode === '40001' || driverCode === '40P01') {
    const { status, title } = statusFor(ErrorCode.ServiceUnavailable);
    return {
      type: problemType(ErrorCode.ServiceUnavailable),
      title,
      status,
      detail: 'The service is busy with the same records; try again',
      code: ErrorCode.ServiceUnavailable,
      correlationId,
    };
  }
  const fe = error as FrameworkError;
  const known = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) {
    const { status, title } = statusFor(known.code);
    return {
      type: problemType(known.code),
      title,
      status,
      detail: known.detail,
      code: known.code,
      correlationId,
    };
  }
  if (
    error instanceof SyntaxError ||
    (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
  ) {
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 400;
    const code = codeForStatus(status);
    return {
      type: problemType(code),
      title: code === 'internal_error' ? 'Bad request' : statusFor(code).title,
      status,
      detail: status === 400 ? 'The request could not be read' : (fe.message ?? 'The request was refused'),
      code: code === 'internal_error' ? ErrorCode.ValidationFailed : code,
      correlationId,
    };
  }
  return {
    type: problemType('internal_error'),
    title: 'Something went wrong',
    status: 500,
    detail: 'An unexpected error occurred; it has been logged with the correlation id',
    code: 'internal_error',
    correlationId,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(problem.retryAfterSeconds));
  }
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = toProblem(exception, requestContext.correlationId() ?? String(request.id));
    if (problem.status >= 500) {
      this.logger.error({ err: exception, method: request.method, url: request.url }, 'unhandled error');
    }
    sendProblem(reply, problem);
  }
}
