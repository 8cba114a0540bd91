import { describe, expect, it } from 'vitest';
import { inputLimitErrors, MAX_INPUT_DEPTH } from './input-limits';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('inputLimitErrors', () => {
  it('accepts ordinary bodies and queries', () => {
    expect(inputLimitErrors({ title: 'x', lines: [{ amountPence: 1 }], notes: null }, '')).toEqual([]);
    expect(inputLimitErrors(undefined, '')).toEqual([]);
    expect(inputLimitErrors({ value: nested(MAX_INPUT_DEPTH - 1) }, '')).toEqual([]);
  });

  it('names a value nested too deep, without recursing itself', () => {
    expect(inputLimitErrors({ title: nested(100_000) }, '')).toEqual([
      { field: expect.stringMatching(/^title(\[0\])+$/), message: expect.stringMatching(/nested/) },
    ]);
  });

  it('names every string and key holding U+0000', () => {
    expect(
      inputLimitErrors({ a: ['ok', 'b\u0000'], ['k\u0000']: 1 }, '')
        .map((e) => e.field)
        .sort(),
    ).toEqual(['a[1]', 'k\u0000']);
    expect(inputLimitErrors('\u0000', '(body)')).toEqual([
      { field: '(body)', message: 'must not contain the NUL character' },
    ]);
  });
});
