import { FastifyInstance, FastifyRequest } from 'fastify';

/** Where HTML forms post: the portal's pages. Every other route keeps the API's JSON-only rule. */
export const PORTAL_PREFIX = '/portal';
/** No form in the portal comes near this; a longer body is refused before it is read in full. */
export const FORM_MAX_BYTES = 64 * 1024;
/** More fields than any form has is not a person filling in a form. */
const FORM_MAX_FIELDS = 200;

/** A posted form: one string per field, or several for repeated names (checkboxes). */
export type FormBody = Record<string, string | string[]>;

interface HttpError extends Error {
  statusCode: number;
  code: string;
}

const httpError = (statusCode: number, code: string, message: string): HttpError =>
  Object.assign(new Error(message), { statusCode, code });

/**
 * `application/x-www-form-urlencoded` as browsers send it. Keys like `__proto__` are kept as plain data
 * (the result has no prototype), and every value is a string, so nothing posted can become code or an
 * object the pages did not expect.
 */
export function parseForm(text: string): FormBody {
  const body: FormBody = Object.create(null) as FormBody;
  let fields = 0;
  for (const [key, value] of new URLSearchParams(text)) {
    if (++fields > FORM_MAX_FIELDS)
      throw httpError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Too many form fields');
    const existing = body[key];
    if (existing === undefined) body[key] = value;
    else body[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return body;
}

/** The value of a single-valued field ('' when absent; the last when the name was repeated). */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  if (value === undefined) return '';
  return Array.isArray(value) ? (value[value.length - 1] ?? '') : value;
}

/** A repeated field's values (checkboxes), in the order the browser sent them. */
export function fields(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Refuses form bodies anywhere but the portal, so the API's routes stay JSON only. */
export function registerFormParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_MAX_BYTES },
    (request: FastifyRequest, text: string | Buffer, done: (err: Error | null, body?: FormBody) => void) => {
      if (!isPortalPath(request.url)) {
        done(
          httpError(
            415,
            'FST_ERR_CTP_INVALID_MEDIA_TYPE',
            'Unsupported Media Type: application/x-www-form-urlencoded',
          ),
        );
        return;
      }
      try {
        done(null, parseForm(String(text)));
      } catch (error) {
        done(error as Error);
      }
    },
  );
}

export function isPortalPath(url: string): boolean {
  return url === PORTAL_PREFIX || url.startsWith(`${PORTAL_PREFIX}/`) || url.startsWith(`${PORTAL_PREFIX}?`);
}
