import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { CopyFields } from './copy-fields';

/** What PostgreSQL sends for COPY (SELECT <one text column>) TO STDOUT (FORMAT binary). */
function binaryCopy(values: (string | null)[], extension = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')];
  const header = Buffer.alloc(8);
  header.writeUInt32BE(extension.length, 4);
  parts.push(header, extension);
  for (const value of values) {
    const prefix = Buffer.alloc(6);
    prefix.writeInt16BE(1, 0);
    const bytes = value === null ? Buffer.alloc(0) : Buffer.from(value, 'utf8');
    prefix.writeInt32BE(value === null ? -1 : bytes.length, 2);
    parts.push(prefix, bytes);
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1, 0);
  parts.push(trailer);
  return Buffer.concat(parts);
}

async function run(chunks: Buffer[], separator: string, closing = ''): Promise<string> {
  const out = Readable.from(chunks, { objectMode: false }).pipe(new CopyFields(separator, closing));
  return (await buffer(out)).toString('utf8');
}

const ROWS = ['{"id":"360G-a","title":"Café \\"night\\" patrol"}', '', '{"amount":1500,"note":"£5\\n"}', 'x'];

describe('CopyFields', () => {
  it('joins each row with the separator and adds the closing after the last', async () => {
    expect(await run([binaryCopy(ROWS)], ',', ']}')).toBe(`${ROWS.join(',')}]}`);
  });

  it('gives the same bytes however the stream is cut, even inside a header, a length or a character', async () => {
    const whole = binaryCopy(ROWS, Buffer.from('ext'));
    const expected = ROWS.join(', ');
    for (let cut = 1; cut < whole.length; cut++) {
      expect(await run([whole.subarray(0, cut), whole.subarray(cut)], ', ')).toBe(expected);
    }
    const bytes = [...whole].map((b) => Buffer.from([b]));
    expect(await run(bytes, ', ')).toBe(expected);
  });

  it('passes an empty register through as nothing but the closing', async () => {
    expect(await run([binaryCopy([])], ',', ']}')).toBe(']}');
  });

  it('refuses what is not a binary COPY stream, a NULL, more than one column and a missing trailer', async () => {
    await expect(run([Buffer.from('id\tname\n1\tPeople and places\n')], ',')).rejects.toThrow(
      'not a binary COPY stream',
    );
    await expect(run([binaryCopy(['a', null])], ',')).rejects.toThrow('NULL');
    const twoColumns = binaryCopy(['a']);
    twoColumns.writeInt16BE(2, 19);
    await expect(run([twoColumns], ',')).rejects.toThrow('one column');
    const cut = binaryCopy(['a', 'b']);
    await expect(run([cut.subarray(0, cut.length - 2)], ',')).rejects.toThrow('before its trailer');
  });
});
