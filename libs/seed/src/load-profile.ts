import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProfileFile, ProfileFileError, validateProfile } from './profile-file';

/** Reads and validates a profile file; a relative path is taken from the current directory. */
export function loadProfileFile(path: string): ProfileFile {
  const absolute = resolve(process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ProfileFileError(absolute, [
      `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProfileFileError(absolute, [
      `is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  return validateProfile(json, absolute);
}
