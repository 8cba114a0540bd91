/** Longest stored name, in characters (file systems allow 255 bytes; a UI needs far fewer). */
export const MAX_FILE_NAME_LENGTH = 120;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates can make "evil‮fdp.exe" display as "evilexe.pdf".
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A file name safe to store, show and send back in Content-Disposition: only the last path segment (so
 * "../../etc/passwd" or "C:\\x\\y.pdf" lose their folders), no control characters, NUL or direction
 * overrides, none of the characters Windows forbids, no leading or trailing dots and spaces, at most
 * MAX_FILE_NAME_LENGTH characters with the extension kept, and the extension of the type actually detected
 * (a PNG uploaded as "scan.pdf" is stored as "scan.png"). The name is only ever shown: storage keys never
 * come from it.
 */
export function sanitiseFileName(given: string, extension: string): string {
  const lastSegment = given.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const wanted = extension === 'jpg' && current === 'jpeg' ? 'jpeg' : extension;
  stem = stem.replace(/[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(stem)) stem = `_${stem}`;
  if (!stem) stem = 'document';
  const suffix = `.${wanted}`;
  stem = [...stem].slice(0, MAX_FILE_NAME_LENGTH - suffix.length).join('');
  name = `${stem}${suffix}`;
  return name;
}

/** Content-Disposition for a download: an ASCII fallback and the exact name as RFC 5987 UTF-8. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
