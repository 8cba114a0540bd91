import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DomainError, FieldError } from '@grants/common';
import { FastifyRequest } from 'fastify';

interface Declared {
  body: boolean;
  query: boolean;
}

/**
 * Unknown body fields are already errors (the validation pipe); this applies the same rule to what a route
 * does not declare at all. A route without a `@Query()` refuses query parameters, and a route without a
 * `@Body()` refuses a body (an empty object aside, which some clients always send), so `POST /auth/logout`
 * or `DELETE /aims/:id` given `?force=1` or `{"reason": "x"}` does not quietly act as if the caller had
 * asked for something else. Registered after the session guard, so the unauthenticated still get their
 * 401 first. A guard rather than an interceptor: it only needs to refuse, and an interceptor would wrap
 * every response of the busiest public reads in an Observable for nothing.
 */
@Injectable()
export class UndeclaredInputGuard implements CanActivate {
  private readonly declared = new WeakMap<object, Declared>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const declared = this.declaredBy(context);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const errors: FieldError[] = [];
    if (!declared.query) {
      for (const key of Object.keys((request.query as object | undefined) ?? {})) {
        errors.push({ field: key, message: `${key} is not a known query parameter` });
      }
    }
    if (!declared.body && !isNothing(request.body)) {
      errors.push({ field: '(body)', message: 'this request takes no body' });
    }
    if (errors.length) throw DomainError.invalid(errors);
    return true;
  }

  private declaredBy(context: ExecutionContext): Declared {
    const handler = context.getHandler();
    let found = this.declared.get(handler);
    if (!found) {
      const args: Record<string, unknown> =
        Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      const types = Object.keys(args).map((key) => key.split(':')[0]);
      found = {
        body: types.includes(String(RouteParamtypes.BODY)),
        query: types.includes(String(RouteParamtypes.QUERY)),
      };
      this.declared.set(handler, found);
    }
    return found;
  }
}

function isNothing(body: unknown): boolean {
  if (body === undefined) return true;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
}
