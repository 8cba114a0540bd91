import { LoggerService } from '@nestjs/common';
import { requestContext } from '@grants/common';
import pino, { Logger as Pino } from 'pino';

/** Personal data and secrets never reach the logs. */
const REDACT = [
  'password',
  'newPassword',
  'token',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.token',
  '*.email',
  'email',
];

export function createPino(level: string): Pino {
  return pino({
    level,
    base: { service: 'grants-api' },
    redact: { paths: REDACT, censor: '[redacted]' },
    mixin: () => {
      const correlationId = requestContext.correlationId();
      return correlationId ? { correlationId } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Nest's logger interface over pino, so framework and application logs share one structured stream. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const [msg] = params;
      this.pino[level]({ context, ...(message as object) }, typeof msg === 'string' ? msg : undefined);
    } else {
      this.pino[level]({ context, ...(params.length ? { detail: params } : {}) }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
