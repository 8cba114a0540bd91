import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DOC, DOCX, GIF, JPEG, ODS, ODT, PDF, PNG, sniffMediaType, WEBP } from './media-type';

/** A ZIP local file header for one entry, stored (method 0) or deflated (8), enough for the sniffing. */
function zipEntry(name: string, content: Buffer, method: 0 | 8 = 0): Buffer {
  const data = method === 0 ? content : deflateRawSync(content);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(method, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), data]);
}

const bytes = (...parts: (number[] | string)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffMediaType', () => {
  it('knows PDF, the common images and legacy Word by their magic bytes', () => {
    expect(sniffMediaType(bytes('%PDF-1.7\n…'))).toBe(PDF);
    expect(sniffMediaType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe(PNG);
    expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe(JPEG);
    expect(sniffMediaType(bytes('GIF89a', [1, 0, 1, 0]))).toBe(GIF);
    expect(sniffMediaType(bytes('GIF87a', [1, 0, 1, 0]))).toBe(GIF);
    expect(sniffMediaType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe(WEBP);
    expect(sniffMediaType(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(DOC);
  });

  it('tells OpenDocument from Word inside a ZIP', () => {
    const odt = zipEntry('mimetype', Buffer.from('application/vnd.oasis.opendocument.text'));
    expect(sniffMediaType(Buffer.concat([odt, zipEntry('content.xml', Buffer.from('<x/>'), 8)]))).toBe(ODT);
    const ods = zipEntry('mimetype', Buffer.from('application/vnd.oasis.opendocument.spreadsheet'));
    expect(sniffMediaType(ods)).toBe(ODS);
    const docx = Buffer.concat([
      zipEntry('[Content_Types].xml', Buffer.from('<Types/>'), 8),
      zipEntry('word/document.xml', Buffer.from('<w:document/>'), 8),
    ]);
    expect(sniffMediaType(docx)).toBe(DOCX);
  });

  it('refuses what it does not accept, whatever it is called', () => {
    expect(sniffMediaType(bytes('MZ', [0x90, 0, 3, 0]))).toBeNull(); // a Windows executable
    expect(sniffMediaType(bytes([0x7f], 'ELF'))).toBeNull();
    expect(sniffMediaType(bytes('#!/bin/sh\nrm -rf /'))).toBeNull();
    expect(sniffMediaType(bytes('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMediaType(bytes(' %PDF-1.4'))).toBeNull(); // the magic must come first
    expect(sniffMediaType(bytes('%PDF'))).toBeNull(); // too short to be one
    expect(sniffMediaType(bytes(''))).toBeNull();
    expect(sniffMediaType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
    // A ZIP that is neither: an archive, a spreadsheet (OOXML without word/), an unknown ODF type.
    expect(sniffMediaType(zipEntry('payload.exe', Buffer.from('MZ')))).toBeNull();
    expect(
      sniffMediaType(
        Buffer.concat([
          zipEntry('[Content_Types].xml', Buffer.from('<Types/>')),
          zipEntry('xl/workbook.xml', Buffer.from('<w/>')),
        ]),
      ),
    ).toBeNull();
    expect(sniffMediaType(zipEntry('mimetype', Buffer.from('application/x-evil')))).toBeNull();
    expect(sniffMediaType(bytes([0x50, 0x4b, 0x03, 0x04]))).toBeNull(); // truncated header
  });
});
