import { HttpResult } from './test-app';

/**
 * What is wrong with an error response, by the API's rules (docs api.md): problem+json with type, title,
 * status, detail, code and correlationId (the one in the x-correlation-id header), and for a 400 the
 * fields at fault in errors[]. An empty list means the response is a well-formed problem.
 */
export function problemShapeErrors(res: HttpResult): string[] {
  const out: string[] = [];
  const contentType = String(res.headers['content-type'] ?? '');
  if (!/^application\/problem\+json/.test(contentType)) out.push(`content-type is "${contentType}"`);
  const body = res.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return [...out, 'no JSON body'];
  for (const key of ['type', 'title', 'detail', 'code', 'correlationId']) {
    if (typeof body[key] !== 'string' || !(body[key] as string).length) out.push(`no ${key}`);
  }
  if (body.status !== res.status) out.push(`status ${String(body.status)} in the body`);
  if (body.correlationId !== res.headers['x-correlation-id'])
    out.push('correlationId differs from the header');
  if (res.status === 400) {
    const errors = body.errors;
    if (
      !Array.isArray(errors) ||
      errors.length === 0 ||
      !errors.every(
        (e: { field?: unknown; message?: unknown }) =>
          typeof e?.field === 'string' && e.field.length > 0 && typeof e.message === 'string',
      )
    ) {
      out.push('a 400 without errors[] naming the fields');
    }
  }
  return out;
}
