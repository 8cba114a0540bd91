/**
 * Where the bytes of supporting documents live. The database holds what a document is (its row); this holds
 * only bytes under opaque keys the service makes up, never from anything a user sent. Local disk today
 * (LocalDiskStorage); an object store (S3 and the like) can replace it by implementing these three calls.
 */
export interface DocumentStorage {
  /** Stores the bytes under the key, all or nothing: a reader never sees half a file. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under the key; throws if there are none. */
  get(key: string): Promise<Buffer>;
  /** Removes the key; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/** Keys are two lowercase hex characters, a slash and a UUID (fan-out keeps directories small). */
export const STORAGE_KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
