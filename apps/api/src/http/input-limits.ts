import { DomainError, FieldError } from '@grants/common';
import { FastifyInstance } from 'fastify';
import { isPortalPath } from '../portal/form-body';
import { sendProblem, toProblem } from './problem.filter';

/** Far deeper than any body this API takes, far shallower than what overflows the validators' recursion. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Two things JSON allows but nothing behind it can take: nesting deep enough to overflow the stack of the
 * recursive transformers and validators (a 500), and U+0000, which PostgreSQL text cannot store (a 500 from
 * the database). Checked once, iteratively, on the parsed body and query before any route code runs.
 */
export function inputLimitErrors(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length && errors.length < 20) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) errors.push({ field: path, message: 'must not contain the NUL character' });
      continue;
    }
    // A document upload's body is the file's bytes: nothing to walk (and walking them would take an age).
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: path, message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` });
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      const childPath = Array.isArray(v) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (key.includes('\u0000'))
        errors.push({ field: childPath, message: 'must not contain the NUL character' });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return errors;
}

export function registerInputLimits(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, reply, done) => {
    // The portal's pages check their own forms and answer a person with a page, not problem+json.
    if (isPortalPath(request.url)) {
      done();
      return;
    }
    const errors = [...inputLimitErrors(request.query, ''), ...inputLimitErrors(request.body, '')];
    if (!errors.length) {
      done();
      return;
    }
    const problem = toProblem(
      DomainError.invalid(errors.map((e) => ({ ...e, field: e.field || '(body)' }))),
      String(request.id),
    );
    sendProblem(reply, problem);
  });
}
