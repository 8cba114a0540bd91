import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../auth/public.decorator';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/**
 * The guard denies by default, so the document does too: every operation not marked public needs the
 * bearer token or the session cookie, and says it answers 401 without one.
 */
function declareSecurity(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      if (!operation || Reflect.get(operation, PUBLIC_EXTENSION) === true) continue;
      operation.security = [{ bearer: [] }, { cookie: [] }];
      operation.responses ??= {};
      operation.responses['401'] ??= { description: 'Not signed in, or the session has ended' };
    }
  }
}

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Community Safety Fund grants API')
    .setDescription(
      'Applications, assessment, awards, payments, monitoring and the public register for a Police and Crime ' +
        "Commissioner's Community Safety Fund. Money is integer pence in fields ending `Pence`; dates are " +
        '`YYYY-MM-DD`; instants are ISO 8601 with offset. Errors are `application/problem+json` (RFC 9457). ' +
        'Operations marked `x-public` need no session; `x-roles` lists the roles an operation needs.\n\n' +
        'Input rules, on every operation: bodies are JSON objects (`application/json`, at most 256 KiB by ' +
        'default); unknown fields, unknown query parameters, a body or query on an operation that declares ' +
        'none, nesting deeper than 32 levels and the NUL character are refused with 400 naming the field. ' +
        'Ids in paths are UUIDs. Lists take `?limit=&cursor=` and return `{ items, nextCursor }`. ' +
        'Every response carries `x-correlation-id` (yours is kept if it is 1–64 letters, digits, `.`, `_` or `-`).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token returned by POST /auth/login' })
    .addCookieAuth('grants_session')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  declareSecurity(document);
  return document;
}

/**
 * The document is built on its first request, not at boot: it is a few megabytes of objects that most
 * processes serving grants never need.
 */
export function mountOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Community Safety Fund grants API',
  });
}
