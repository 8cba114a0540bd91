import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, requestContext } from '@grants/common';
import { AppConfig } from '@grants/config';
import { FastifyInstance } from 'fastify';
import { Logger as Pino } from 'pino';
import { AppModule } from './app.module';
import { createPino, PinoLoggerService } from './http/logger';
import { registerInputLimits } from './http/input-limits';
import { registerPublicRateLimit } from './http/public-rate-limit';
import { securityHeaders } from './http/security-headers';
import { mountOpenApi } from './http/openapi';
import { registerFormParser } from './portal/form-body';
import { registerUploadFormParser } from './portal/upload-form';
import { mountPortal } from './portal/portal';
import { mountRegisterPages } from './register-pages/mount';
import { validationPipe } from './http/validation';
import { registerUploadParser } from './documents/upload-parser';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_RE = /^[A-Za-z0-9._-]{1,64}$/;

export interface ApiOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: Pino;
}

/** Builds the HTTP application; main.ts listens, tests inject. */
export async function createApi({ config, clock, logger }: ApiOptions): Promise<NestFastifyApplication> {
  const pino = logger ?? createPino(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    // A caller's correlation id is kept if it is sane, so a trace can span systems.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers[CORRELATION_HEADER];
      return typeof given === 'string' && CORRELATION_RE.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, clock }),
    adapter,
    {
      logger: new PinoLoggerService(pino),
      bufferLogs: false,
      // Nest would add its own JSON and urlencoded parsers; a form post is not a way into this API.
      bodyParser: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  const security = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(security);
    void reply.header(CORRELATION_HEADER, String(request.id));
    requestContext.run({ correlationId: String(request.id) }, done);
  });
  // Registered only when it would write anything: a hook per request costs even when pino drops the line.
  if (pino.isLevelEnabled('info')) {
    fastify.addHook('onResponse', (request, reply, done) => {
      pino.info(
        {
          correlationId: String(request.id),
          method: request.method,
          url: request.routeOptions.url ?? request.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
      done();
    });
  }
  // JSON only: Fastify's own parser (size limit, prototype-poisoning checks) and nothing else, so any
  // other content type is a 415. Its errors reach the ProblemFilter through Nest's exception layer.
  fastify.removeContentTypeParser('text/plain');
  // The one exception: a document upload's body is the file (see upload-parser.ts); every other route refuses it.
  registerUploadParser(fastify, config.documents.maxBytes);
  // And the portal's HTML forms, which only its own pages accept (portal/form-body.ts).
  registerFormParser(fastify);
  registerUploadFormParser(fastify, config.documents.maxBytes);
  registerInputLimits(fastify);
  registerPublicRateLimit(fastify, config.http.publicRateLimitPerMinute);

  await app.register(fastifyCors, {
    origin: config.http.corsOrigins.length ? config.http.corsOrigins : false,
    credentials: true,
  });
  await app.register(fastifyCookie);

  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app);
  mountPortal(app, mountRegisterPages(app));
  await app.init();
  await fastify.ready();
  return app;
}
