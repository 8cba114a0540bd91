import { ErrorCode, FieldError } from './error-code';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} was not found`);
  }

  static forbidden(message: string): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.Conflict, message, details);
  }

  static invalid(fieldErrors: FieldError[], message = 'The request is not valid'): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, message, {}, fieldErrors);
  }

  static rule(
    message: string,
    fieldErrors: FieldError[] = [],
    details: Record<string, unknown> = {},
  ): DomainError {
    return new DomainError(ErrorCode.BusinessRule, message, details, fieldErrors);
  }
}
