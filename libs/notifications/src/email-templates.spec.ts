import { describe, expect, it } from 'vitest';
import { escapeHtml, resetPasswordMessage, verifyEmailMessage } from './email-templates';

describe('email templates', () => {
  it('renders the verification email in text and accessible HTML', () => {
    const m = verifyEmailMessage({
      displayName: 'Ann',
      link: 'https://grants.example/verify-email?token=abc',
      expiresInHours: 24,
    });
    expect(m.template).toBe('verify-email');
    expect(m.text).toContain('https://grants.example/verify-email?token=abc');
    expect(m.text).toContain('24 hours');
    expect(m.text).toMatch(/if you did not just ask to register, ignore this/i);
    expect(m.html).toContain('<html lang="en-GB">');
    expect(m.html).toContain('href="https://grants.example/verify-email?token=abc"');
  });

  it('escapes user-supplied names in HTML', () => {
    const m = resetPasswordMessage({
      displayName: '<script>x</script>',
      link: 'https://x/r?token=a&b',
      expiresInHours: 1,
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).toContain('token=a&amp;b');
    expect(m.text).toContain('1 hour.');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
