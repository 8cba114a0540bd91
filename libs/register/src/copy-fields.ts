import { StringDecoder } from 'node:string_decoder';
import { Transform, TransformCallback } from 'node:stream';

/** "PGCOPY\n\377\r\n\0", then a flags word and the length of a header extension. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const FIXED_HEADER = SIGNATURE.length + 8;

type State = 'header' | 'extension' | 'tuple' | 'length' | 'field' | 'done';

/**
 * Turns the binary form of `COPY (SELECT <one text column> …) TO STDOUT (FORMAT binary)` into the column's
 * bytes, one row after another with `separator` between them. Binary, because the text and CSV forms escape
 * backslashes and quotes, and the stored JSON has both; `closing` follows the last row. Each incoming chunk becomes at most one outgoing
 * buffer: no row is ever a JavaScript string or object, which is what keeps a million-row download flat.
 */
export class CopyFields extends Transform {
  private state: State = 'header';
  /** Bytes of the current header, tuple count or length word that straddle a chunk boundary. */
  private pending: Buffer = Buffer.alloc(0);
  private fieldLeft = 0;
  private extensionLeft = 0;
  private rows = 0;
  private readonly separator: Buffer;
  private readonly closing: string;
  private scratch: Buffer = Buffer.alloc(0);
  /** A character cut in two by a chunk boundary waits here for its other bytes. */
  private readonly decoder = new StringDecoder('utf8');

  constructor(separator: string, closing = '') {
    super({ encoding: 'utf8' });
    this.separator = Buffer.from(separator, 'utf8');
    this.closing = closing;
  }

  /** Rows written so far. */
  get count(): number {
    return this.rows;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    // A row costs at most its separator beyond its own bytes, and every row needs a 6-byte prefix in the
    // input, so the chunk's length plus one separator per possible row always fits.
    const room = chunk.length + this.separator.length * (Math.floor(chunk.length / 6) + 1);
    if (this.scratch.length < room)
      this.scratch = Buffer.allocUnsafe(Math.max(room, 2 * this.scratch.length));
    const out = this.scratch;
    let written = 0;
    let at = 0;
    try {
      while (at < chunk.length) {
        if (this.state === 'field') {
          const take = Math.min(this.fieldLeft, chunk.length - at);
          written += chunk.copy(out, written, at, at + take);
          at += take;
          this.fieldLeft -= take;
          if (this.fieldLeft === 0) this.state = 'tuple';
          continue;
        }
        if (this.state === 'extension') {
          const skip = Math.min(this.extensionLeft, chunk.length - at);
          at += skip;
          this.extensionLeft -= skip;
          if (this.extensionLeft === 0) this.state = 'tuple';
          continue;
        }
        if (this.state === 'done') throw new Error('COPY sent data after its trailer');
        const need = this.state === 'header' ? FIXED_HEADER : this.state === 'tuple' ? 2 : 4;
        const take = Math.min(need - this.pending.length, chunk.length - at);
        const word =
          this.pending.length === 0 && take === need
            ? chunk.subarray(at, at + need)
            : (this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + take)]));
        at += take;
        if (word.length < need) continue;
        this.pending = Buffer.alloc(0);
        written += this.word(word, out, written);
      }
    } catch (error) {
      done(error as Error);
      return;
    }
    const text = written > 0 ? this.decoder.write(out.subarray(0, written)) : '';
    done(null, text || undefined);
  }

  override _flush(done: TransformCallback): void {
    if (this.state !== 'done') done(new Error('COPY ended before its trailer'));
    else done(null, this.decoder.end() + this.closing || undefined);
  }

  /** Acts on one complete header, tuple count or field length; returns the separator bytes written. */
  private word(word: Buffer, out: Buffer, at: number): number {
    switch (this.state) {
      case 'header':
        if (!word.subarray(0, SIGNATURE.length).equals(SIGNATURE))
          throw new Error('not a binary COPY stream');
        this.extensionLeft = word.readUInt32BE(SIGNATURE.length + 4);
        this.state = this.extensionLeft > 0 ? 'extension' : 'tuple';
        return 0;
      case 'tuple': {
        const fields = word.readInt16BE(0);
        if (fields === -1) {
          this.state = 'done';
          return 0;
        }
        if (fields !== 1) throw new Error(`expected one column per row, COPY sent ${fields}`);
        this.state = 'length';
        return 0;
      }
      case 'length': {
        const length = word.readInt32BE(0);
        if (length < 0) throw new Error('a row has no value (NULL)');
        const separated = this.rows > 0 ? this.separator.copy(out, at) : 0;
        this.rows += 1;
        this.fieldLeft = length;
        this.state = length > 0 ? 'field' : 'tuple';
        return separated;
      }
      default:
        throw new Error(`unexpected COPY state ${this.state}`);
    }
  }
}
