import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_KEY_RE } from './document-storage';
import { LocalDiskStorage, newStorageKey } from './local-disk-storage';

describe('LocalDiskStorage', () => {
  let dir: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storage-spec-'));
    storage = new LocalDiskStorage(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts, gets and deletes bytes under a key, leaving no temporary file behind', async () => {
    const key = newStorageKey();
    expect(key).toMatch(STORAGE_KEY_RE);
    await storage.put(key, Buffer.from('hello'));
    expect((await storage.get(key)).toString()).toBe('hello');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toThrow();
    await storage.delete(key); // deleting twice is fine
  });

  it('makes a new key every time', () => {
    expect(new Set(Array.from({ length: 100 }, newStorageKey)).size).toBe(100);
  });

  it('refuses anything that is not one of its keys, so nothing outside the directory is reachable', async () => {
    for (const key of ['../etc/passwd', '/etc/passwd', 'ab/../../x', '', 'ab/not-a-uuid']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/not a storage key/);
      await expect(storage.get(key)).rejects.toThrow(/not a storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/not a storage key/);
    }
  });
});
