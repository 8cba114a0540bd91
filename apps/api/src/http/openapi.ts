import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Community Safety Fund grants API')
    .setDescription(
      'Applications, assessment, awards, payments, monitoring and the public register for a Police and Crime ' +
        "Commissioner's Community Safety Fund. Money is integer pence in fields ending `Pence`; dates are " +
        '`YYYY-MM-DD`; instants are ISO 8601 with offset. Errors are `application/problem+json` (RFC 9457).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token returned by POST /auth/login' })
    .addCookieAuth('grants_session')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function mountOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Community Safety Fund grants API',
  });
}
