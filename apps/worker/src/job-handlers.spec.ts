import { describe, expect, it } from 'vitest';
import { loadConfig } from '@grants/config';
import { JOB_NAMES } from '@grants/jobs';
import { JobHandlers } from './job-handlers';
import { JobWorkers } from './job-workers';
import type { NotificationsService } from './notifications/notifications.service';
import type { RemindersService } from './reminders/reminders.service';

const config = loadConfig({
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
});

describe('the job contract and its handlers', () => {
  const handlers = new JobHandlers(
    {} as NotificationsService,
    {} as RemindersService,
    {} as never,
    {} as never,
    {} as never,
    {} as never,
  );

  it('has a handler for every job the contract names', () => {
    expect(handlers.missing()).toEqual([]);
    expect(Object.keys(handlers.byName).sort()).toEqual(Object.values(JOB_NAMES).flat().sort());
  });

  it('refuses to boot a worker when a job has no handler', () => {
    delete (handlers.byName as Record<string, unknown>)['reminders.sweep'];
    const workers = new JobWorkers(handlers, {} as never, config);
    expect(() => workers.assertEveryJobHandled()).toThrow('No handler for job(s): reminders.sweep');
  });
});
