import { describe, expect, it } from 'vitest';
import { field, fields, isPortalPath, parseForm } from './form-body';

describe('form bodies', () => {
  it('gives one string per field and a list for repeated names', () => {
    const body = parseForm('email=ann%40example.org&objective=1&objective=8&name=Ann+Smith');
    expect(field(body, 'email')).toBe('ann@example.org');
    expect(field(body, 'name')).toBe('Ann Smith');
    expect(fields(body, 'objective')).toEqual(['1', '8']);
    expect(field(body, 'objective')).toBe('8');
    expect(field(body, 'missing')).toBe('');
    expect(fields(body, 'missing')).toEqual([]);
  });

  it('keeps __proto__ and constructor as data, never as the object’s prototype', () => {
    const body = parseForm('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect(field(body, '__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses more fields than any form has', () => {
    expect(() => parseForm(Array.from({ length: 201 }, (_, i) => `f${i}=1`).join('&'))).toThrow('Too many');
  });

  it('knows the portal’s paths', () => {
    expect(isPortalPath('/portal')).toBe(true);
    expect(isPortalPath('/portal/sign-in')).toBe(true);
    expect(isPortalPath('/portal?x=1')).toBe(true);
    expect(isPortalPath('/portalx')).toBe(false);
    expect(isPortalPath('/api/v1/auth/login')).toBe(false);
  });
});
