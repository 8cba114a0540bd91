import { describe, expect, it } from 'vitest';
import { checkCreateAccount, checkNewPassword, checkResetRequest, checkSignIn } from './account-forms';
import { parseForm } from './form-body';

describe('the account forms', () => {
  it('ask for what is missing, field by field', () => {
    expect(checkSignIn(parseForm('')).problems).toEqual([
      { field: 'email', message: 'Enter your email address' },
      { field: 'password', message: 'Enter your password' },
    ]);
    expect(checkCreateAccount(parseForm('')).problems.map((p) => p.field)).toEqual([
      'displayName',
      'email',
      'password',
    ]);
  });

  it('say what a good email address looks like', () => {
    const { problems } = checkSignIn(parseForm('email=ann.example.org&password=x'));
    expect(problems).toEqual([
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    ]);
  });

  it('give the password policy’s first reason in a sentence', () => {
    const { problems } = checkCreateAccount(
      parseForm('displayName=Ann&email=ann%40example.org&password=short'),
    );
    expect(problems).toEqual([{ field: 'password', message: 'Password must be at least 12 characters' }]);
    const own = checkCreateAccount(
      parseForm('displayName=Ann&email=ann%40example.org&password=ann%40example.org'),
    );
    expect(own.problems[0]?.message).toBe('Password must not be your email address');
  });

  it('accept a complete form, trimming the name and email but never the password', () => {
    const { values, problems } = checkCreateAccount(
      parseForm('displayName=+Ann+Smith+&email=+ann%40example.org&password=+a+long+passphrase+'),
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({
      displayName: 'Ann Smith',
      email: 'ann@example.org',
      password: ' a long passphrase ',
    });
  });

  it('refuse the NUL character in a name', () => {
    const { problems } = checkCreateAccount(
      parseForm('displayName=A%00nn&email=ann%40example.org&password=a+long+passphrase'),
    );
    expect(problems[0]?.field).toBe('displayName');
  });

  it('check a reset request’s address and a new password against the policy', () => {
    expect(checkResetRequest(parseForm('email=')).problems).toEqual([
      { field: 'email', message: 'Enter your email address' },
    ]);
    expect(checkResetRequest(parseForm('email=+ann%40example.org+')).values.email).toBe('ann@example.org');
    expect(checkNewPassword(parseForm('token=t')).problems).toEqual([
      { field: 'password', message: 'Enter a new password' },
    ]);
    expect(checkNewPassword(parseForm('token=t&password=aaaaaaaaaaaaaaaa')).problems).toEqual([
      { field: 'password', message: 'Password must not be one or two characters repeated' },
    ]);
    expect(checkNewPassword(parseForm('token=t&password=a+long+passphrase')).problems).toEqual([]);
  });
});
