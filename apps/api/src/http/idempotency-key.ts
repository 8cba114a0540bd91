import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DomainError } from '@grants/common';
import { FastifyRequest } from 'fastify';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, checked: 1–255 visible ASCII characters, sent once. Undefined when absent. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined => {
    const raw = ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string' || !KEY.test(raw)) {
      throw DomainError.invalid([
        { field: 'Idempotency-Key', message: 'must be one header of 1 to 255 visible ASCII characters' },
      ]);
    }
    return raw;
  },
);

/** Documents the header on an operation that honours it. */
export const AcceptsIdempotencyKey = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A retry with the same key replays the first response and changes nothing; the same key with a ' +
        'different body is a 422. Keys are per user.',
    }),
  );
