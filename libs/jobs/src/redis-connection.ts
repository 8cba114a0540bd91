import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * Workers wait out a Redis outage (commands queue until it is back); callers that answer people,
 * like the operations endpoints, fail fast instead so a request never hangs on Redis.
 */
export function redisConnection(url: string, mode: 'worker' | 'fail-fast'): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: mode === 'worker' ? null : 1,
    enableOfflineQueue: mode === 'worker',
    lazyConnect: mode === 'fail-fast',
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // An unhandled 'error' event would crash the process; the outage is logged and waited out.
  const logger = new Logger('Redis');
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: error.message }, 'Redis connection failed; retrying');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.log('Redis connection restored');
    reported = false;
  });
  return redis;
}

/**
 * BullMQ keeps jobs only as long as Redis keeps keys: under any eviction policy other than
 * `noeviction`, a full Redis would silently drop scheduled reminders.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy !== 'noeviction') {
      logger.error(
        `REDIS IS CONFIGURED TO EVICT KEYS (maxmemory-policy ${policy ?? 'unknown'}): queued jobs and ` +
          'reminders can be lost. Set maxmemory-policy noeviction.',
      );
    }
    return policy;
  } catch (error) {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'Could not read maxmemory-policy from Redis; make sure it is noeviction',
    );
    return null;
  }
}
