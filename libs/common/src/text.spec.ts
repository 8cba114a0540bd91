import { describe, expect, it } from 'vitest';
import { trimToNull } from './text';

describe('trimToNull', () => {
  it('trims, turns blanks into null and leaves absent values absent', () => {
    expect(trimToNull('  Malvern  ')).toBe('Malvern');
    expect(trimToNull('   ')).toBeNull();
    expect(trimToNull('')).toBeNull();
    expect(trimToNull(null)).toBeNull();
    expect(trimToNull(undefined)).toBeUndefined();
  });
});
