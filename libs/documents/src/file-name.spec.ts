import { describe, expect, it } from 'vitest';
import { attachmentDisposition, MAX_FILE_NAME_LENGTH, sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitiseFileName('Safeguarding policy 2026.pdf', 'pdf')).toBe('Safeguarding policy 2026.pdf');
    expect(sanitiseFileName('Café accounts.PDF', 'pdf')).toBe('Café accounts.pdf');
    expect(sanitiseFileName('photo.jpeg', 'jpg')).toBe('photo.jpeg');
  });

  it('drops folders, so a name can never point elsewhere', () => {
    expect(sanitiseFileName('../../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('C:\\Users\\ada\\report.pdf', 'pdf')).toBe('report.pdf');
    expect(sanitiseFileName('..', 'pdf')).toBe('document.pdf');
    expect(sanitiseFileName('/', 'png')).toBe('document.png');
  });

  it('removes control characters, NUL, direction overrides and characters Windows forbids', () => {
    expect(sanitiseFileName('bad\u0000name\u0007.pdf', 'pdf')).toBe('badname.pdf');
    expect(sanitiseFileName('line\r\nbreak.pdf', 'pdf')).toBe('linebreak.pdf');
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.pdf');
    expect(sanitiseFileName('a<b>c:"d"|e?*.pdf', 'pdf')).toBe('a_b_c__d__e__.pdf');
    expect(sanitiseFileName('  .hidden.pdf. ', 'pdf')).toBe('hidden.pdf');
    expect(sanitiseFileName('CON.pdf', 'pdf')).toBe('_CON.pdf');
  });

  it('gives the detected type’s extension, whatever the name claimed', () => {
    expect(sanitiseFileName('scan.pdf', 'png')).toBe('scan.png');
    expect(sanitiseFileName('setup.exe', 'pdf')).toBe('setup.pdf');
    expect(sanitiseFileName('no extension', 'docx')).toBe('no extension.docx');
    expect(sanitiseFileName('archive.tar.gz', 'odt')).toBe('archive.tar.odt');
  });

  it('limits the length, keeping the extension', () => {
    const long = sanitiseFileName(`${'a'.repeat(500)}.pdf`, 'pdf');
    expect(long).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith('.pdf')).toBe(true);
    // Counted in characters, so a multi-byte name is never cut inside one.
    const emoji = sanitiseFileName(`${'😀'.repeat(300)}.png`, 'png');
    expect([...emoji]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(Buffer.from(emoji, 'utf8').toString('utf8')).toBe(emoji); // no lone surrogate
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Café "accounts".pdf')).toBe(
      `attachment; filename="Caf_ _accounts_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22accounts%22.pdf`,
    );
  });
});
