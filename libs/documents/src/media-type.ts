/** A type the service accepts, with the extension a file of that type should carry. */
export interface DetectedType {
  mediaType: string;
  extension: string;
}

export const PDF: DetectedType = { mediaType: 'application/pdf', extension: 'pdf' };
export const PNG: DetectedType = { mediaType: 'image/png', extension: 'png' };
export const JPEG: DetectedType = { mediaType: 'image/jpeg', extension: 'jpg' };
export const GIF: DetectedType = { mediaType: 'image/gif', extension: 'gif' };
export const WEBP: DetectedType = { mediaType: 'image/webp', extension: 'webp' };
export const DOCX: DetectedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};
export const DOC: DetectedType = { mediaType: 'application/msword', extension: 'doc' };
export const ODT: DetectedType = { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' };
export const ODS: DetectedType = {
  mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
  extension: 'ods',
};

export const ACCEPTED_TYPES: readonly DetectedType[] = [PDF, PNG, JPEG, GIF, WEBP, DOCX, DOC, ODT, ODS];

/** The media types a client may declare on an upload (besides application/octet-stream, "you tell me"). */
export const ACCEPTED_MEDIA_TYPES: readonly string[] = ACCEPTED_TYPES.map((t) => t.mediaType);

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file from its first bytes (its "magic"), never from what the client says it is. Returns
 * null for anything this service does not accept (executables, scripts, archives, HTML, plain text…).
 *
 * ZIP containers need a look inside: an OpenDocument file's first entry is an uncompressed `mimetype`
 * naming its type; a Word (OOXML) file holds `[Content_Types].xml` and a `word/` folder. Entry names are
 * stored uncompressed in the local headers and the central directory, so finding them needs no inflating.
 * OLE2 (D0 CF 11 E0…) is the legacy Office container: taken as a Word document, since telling .doc from
 * .xls would mean parsing its sector tables, and a legacy spreadsheet is harmless to an assessor anyway.
 */
export function sniffMediaType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return PDF;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return GIF;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return DOC;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  return null;
}

function sniffZip(bytes: Uint8Array): DetectedType | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ODF: the first local header (30 bytes, then the name, then the extra field) is an uncompressed `mimetype`.
  if (buf.length >= 30) {
    const nameLength = buf.readUInt16LE(26);
    const extraLength = buf.readUInt16LE(28);
    const method = buf.readUInt16LE(8);
    const name = buf.toString('latin1', 30, 30 + nameLength);
    if (name === 'mimetype' && method === 0) {
      const size = buf.readUInt32LE(18);
      const start = 30 + nameLength + extraLength;
      const declared = buf.toString('latin1', start, Math.min(start + size, start + 100, buf.length));
      if (declared === ODT.mediaType) return ODT;
      if (declared === ODS.mediaType) return ODS;
      return null;
    }
  }
  if (buf.includes('[Content_Types].xml', 0, 'latin1') && buf.includes('word/', 0, 'latin1')) return DOCX;
  return null;
}
