import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
};

describe('loadConfig', () => {
  it('builds typed config with defaults', () => {
    const c = loadConfig(valid);
    expect(c.http.port).toBe(3000);
    expect(c.database.url).toBe(valid.DATABASE_URL);
    expect(c.http.corsOrigins).toEqual([]);
    expect(c.auth.cookieSecure).toBe(false);
  });

  it('names every bad or missing variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', SESSION_COOKIE_SECURE: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL is required/);
    expect(problems.join('\n')).toMatch(/SMTP_URL is required/);
    expect(problems.join('\n')).toMatch(/REDIS_URL must be a redis: or rediss: URL/);
    expect(problems.join('\n')).toMatch(/SESSION_COOKIE_SECURE must be true or false/);
  });

  it('configures supporting documents: a directory and a size limit (10 MiB unless set)', () => {
    expect(loadConfig(valid).documents).toEqual({ dir: '.data/documents', maxBytes: 10 * 1024 * 1024 });
    expect(
      loadConfig({ ...valid, DOCUMENTS_DIR: '/var/lib/grants/docs', DOCUMENT_MAX_BYTES: '2048' }).documents,
    ).toEqual({ dir: '/var/lib/grants/docs', maxBytes: 2048 });
    expect(() => loadConfig({ ...valid, DOCUMENT_MAX_BYTES: 'ten megabytes' })).toThrow(
      /DOCUMENT_MAX_BYTES must be a whole number/,
    );
    expect(() => loadConfig({ ...valid, DOCUMENT_MAX_BYTES: '0' })).toThrow(/DOCUMENT_MAX_BYTES/);
  });
});
