import { ACCEPTED_MEDIA_TYPES } from '@grants/documents';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { DOCUMENT_UPLOAD_ROUTE } from './documents.controller';

interface HttpError extends Error {
  statusCode: number;
  code: string;
}

function httpError(statusCode: number, code: string, message: string): HttpError {
  return Object.assign(new Error(message), { statusCode, code });
}

/**
 * Uploads are the raw file as the body (application/octet-stream, or the file's own type), with the kind and
 * name in the query, rather than multipart: one file per request needs no form parsing, no extra dependency
 * and no temporary files, the size limit is simply a byte count, and every other route keeps the JSON-only
 * rule, because this parser refuses (415, before reading a byte) any route but the upload. The limit is
 * enforced while the body streams in: a declared Content-Length over it is refused at once, and a body that
 * grows past it is cut off, so nothing unbounded is ever buffered.
 */
export function registerUploadParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addContentTypeParser(
    ['application/octet-stream', ...ACCEPTED_MEDIA_TYPES],
    (
      request: FastifyRequest,
      payload: NodeJS.ReadableStream,
      done: (err: Error | null, body?: Buffer) => void,
    ) => {
      if (request.method !== 'POST' || request.routeOptions.url !== DOCUMENT_UPLOAD_ROUTE) {
        done(
          httpError(
            415,
            'FST_ERR_CTP_INVALID_MEDIA_TYPE',
            `Unsupported Media Type: ${request.headers['content-type']}`,
          ),
        );
        return;
      }
      const tooLarge = (): HttpError =>
        httpError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', `A document may be at most ${maxBytes} bytes`);
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        done(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let finished = false;
      const finish = (err: Error | null, body?: Buffer): void => {
        if (finished) return;
        finished = true;
        payload.removeListener('data', onData);
        done(err, body);
      };
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received > maxBytes) {
          chunks.length = 0;
          // Stop reading; Fastify answers and closes the connection.
          payload.pause();
          finish(tooLarge());
          return;
        }
        chunks.push(chunk);
      };
      payload.on('data', onData);
      payload.on('end', () => finish(null, Buffer.concat(chunks, received)));
      payload.on('error', (err: Error) => finish(err));
    },
  );
}
