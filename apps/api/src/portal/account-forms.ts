import { PASSWORD_MAX_LENGTH, passwordProblems } from '@grants/accounts';
import { field, FormBody } from './form-body';

/** One problem with one field, worded as the GOV.UK Design System words error messages. */
export interface FormProblem {
  field: string;
  message: string;
}

export interface Checked<T> {
  values: T;
  problems: FormProblem[];
}

// The shape people type, not every address RFC 5322 allows: the API's own check still runs after this.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkEmail(email: string, problems: FormProblem[]): void {
  if (!email) problems.push({ field: 'email', message: 'Enter your email address' });
  else if (email.length > 254 || !EMAIL.test(email) || email.includes('\u0000')) {
    problems.push({
      field: 'email',
      message: 'Enter an email address in the correct format, like name@example.com',
    });
  }
}

export interface SignInValues {
  email: string;
  password: string;
}

export function checkSignIn(body: FormBody | undefined): Checked<SignInValues> {
  const values = { email: field(body, 'email').trim(), password: field(body, 'password') };
  const problems: FormProblem[] = [];
  checkEmail(values.email, problems);
  if (!values.password) problems.push({ field: 'password', message: 'Enter your password' });
  else if (values.password.length > PASSWORD_MAX_LENGTH) {
    problems.push({
      field: 'password',
      message: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
    });
  }
  return { values, problems };
}

export interface CreateAccountValues {
  displayName: string;
  email: string;
  password: string;
}

/** The password policy's reasons (libs/accounts) turned into a sentence about "your password". */
const passwordMessage = (reason: string): string => `Password ${reason}`;

export function checkCreateAccount(body: FormBody | undefined): Checked<CreateAccountValues> {
  const values = {
    displayName: field(body, 'displayName').trim(),
    email: field(body, 'email').trim(),
    password: field(body, 'password'),
  };
  const problems: FormProblem[] = [];
  if (!values.displayName) problems.push({ field: 'displayName', message: 'Enter your full name' });
  else if (values.displayName.length > 200 || values.displayName.includes('\u0000')) {
    problems.push({
      field: 'displayName',
      message: values.displayName.includes('\u0000')
        ? 'Full name must only include letters, spaces and punctuation'
        : 'Full name must be 200 characters or fewer',
    });
  }
  checkEmail(values.email, problems);
  if (!values.password) problems.push({ field: 'password', message: 'Enter a password' });
  else {
    const [first] = passwordProblems(values.password, {
      email: values.email,
      displayName: values.displayName,
    });
    if (first) problems.push({ field: 'password', message: passwordMessage(first) });
  }
  return { values, problems };
}

export interface NewPasswordValues {
  token: string;
  password: string;
}

export function checkNewPassword(body: FormBody | undefined): Checked<NewPasswordValues> {
  const values = { token: field(body, 'token'), password: field(body, 'password') };
  const problems: FormProblem[] = [];
  if (!values.password) problems.push({ field: 'password', message: 'Enter a new password' });
  else {
    const [first] = passwordProblems(values.password);
    if (first) problems.push({ field: 'password', message: passwordMessage(first) });
  }
  return { values, problems };
}

export function checkResetRequest(body: FormBody | undefined): Checked<{ email: string }> {
  const values = { email: field(body, 'email').trim() };
  const problems: FormProblem[] = [];
  checkEmail(values.email, problems);
  return { values, problems };
}
