import busboy from 'busboy';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { FORM_MAX_BYTES, FormBody, PORTAL_PREFIX } from './form-body';

/** The one portal form that sends a file: a supporting document for an application. */
export const PORTAL_UPLOAD_ROUTE = `${PORTAL_PREFIX}/applications/:id/documents`;

/** The file a form sent, as the browser named and typed it. */
export interface UploadedFile {
  fileName: string;
  /** The type the browser declared, checked by the documents service against the content. */
  declaredType: string | null;
  bytes: Buffer;
  /** Larger than the limit: the bytes beyond it were read and thrown away, so `bytes` is empty. */
  tooLarge: boolean;
}

interface HttpError extends Error {
  statusCode: number;
  code: string;
}

const httpError = (statusCode: number, code: string, message: string): HttpError =>
  Object.assign(new Error(message), { statusCode, code });

const files = new WeakMap<FastifyRequest, UploadedFile>();

/** The file the request's form carried, or null when no file was chosen. */
export function uploadedFile(request: FastifyRequest): UploadedFile | null {
  return files.get(request) ?? null;
}

/**
 * `multipart/form-data`, as a browser sends a form with a file input, for the upload form alone: with
 * JavaScript off there is no other way to send a file, and every other route keeps its own rule (415
 * before a byte is read). One file, a few short fields; a file over the limit is read to the end and
 * dropped (so the page can say it is too large), but a body far beyond it is cut off with a 413, so
 * nothing unbounded is buffered or read.
 */
export function registerUploadFormParser(fastify: FastifyInstance, maxBytes: number): void {
  const bodyLimit = 2 * maxBytes + FORM_MAX_BYTES;
  fastify.addContentTypeParser(
    'multipart/form-data',
    (
      request: FastifyRequest,
      payload: NodeJS.ReadableStream,
      done: (err: Error | null, body?: FormBody) => void,
    ) => {
      if (request.method !== 'POST' || request.routeOptions.url !== PORTAL_UPLOAD_ROUTE) {
        done(httpError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Media Type: multipart/form-data'));
        return;
      }
      const tooLarge = () => httpError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'The form is too large');
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > bodyLimit) {
        done(tooLarge());
        return;
      }
      let finished = false;
      const finish = (err: Error | null, body?: FormBody): void => {
        if (finished) return;
        finished = true;
        done(err, body);
      };
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12 },
        });
      } catch {
        finish(httpError(400, 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', 'The form could not be read'));
        return;
      }
      const body = Object.create(null) as FormBody;
      parser.on('field', (name, value) => {
        const existing = body[name];
        body[name] =
          existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
      });
      parser.on('file', (_name, stream, info) => {
        const chunks: Buffer[] = [];
        let over = false;
        stream.on('data', (chunk: Buffer) => {
          if (!over) chunks.push(chunk);
        });
        stream.on('limit', () => {
          over = true;
          chunks.length = 0;
        });
        stream.on('close', () => {
          const bytes = Buffer.concat(chunks);
          // A file input left empty still sends a part, with no name and no bytes: no file was chosen.
          if (!info.filename && bytes.length === 0 && !over) return;
          files.set(request, {
            fileName: info.filename ?? '',
            declaredType: info.mimeType || null,
            bytes,
            tooLarge: over,
          });
        });
      });
      parser.on('error', () =>
        finish(httpError(400, 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', 'The form could not be read')),
      );
      parser.on('close', () => finish(null, body));
      let received = 0;
      payload.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > bodyLimit && !finished) {
          payload.unpipe?.(parser as unknown as NodeJS.WritableStream);
          finish(tooLarge());
        }
      });
      payload.pipe(parser);
    },
  );
}
