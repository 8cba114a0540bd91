import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';

describe('migrations index', () => {
  it('lists every migration file, in timestamp order', () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d{13}-.+\.ts$/.test(f))
      .sort();
    const timestamps = MIGRATIONS.map((m) => /(\d{13})$/.exec(m.name)?.[1]);
    expect(timestamps).toEqual(files.map((f) => f.slice(0, 13)));
  });
});
