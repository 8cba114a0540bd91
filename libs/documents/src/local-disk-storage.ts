import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DocumentStorage, STORAGE_KEY_RE } from './document-storage';

/**
 * Documents as files under one directory (DOCUMENTS_DIR). A put writes a temporary file in the same
 * directory tree and renames it into place, which is atomic on one file system, so a crash leaves at most a
 * stray `.tmp` file, never a truncated document. Keys are checked against STORAGE_KEY_RE, so no key can
 * reach outside the directory even if a caller passed something it should not.
 */
export class LocalDiskStorage implements DocumentStorage {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(this.root, 'tmp', `${randomUUID()}.tmp`);
    await mkdir(dirname(temporary), { recursive: true });
    try {
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o640 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!STORAGE_KEY_RE.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
    return join(this.root, key);
  }
}

/** A new key: random, so nothing about a user's upload (its name, its content) ever becomes a path. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}
