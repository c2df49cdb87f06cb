// The three things a person types when an account is made: email, display name and password. Each
// refusal names the field and says what to fix.
import { OratorError } from '../../domain/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 takes any length; the cap keeps a megabyte "password" from costing a megabyte of hashing. */
export const MAX_PASSWORD_LENGTH = 256;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;

/** What lookups compare: emails are unique whatever their letter case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The email as stored (trimmed, as typed), after a shape check: one @, something on each side, no spaces. */
export function checkEmail(raw: unknown, param = 'email'): string {
  const email = typeof raw === 'string' ? raw.trim() : '';
  if (email === '') throw new OratorError('missing_params', `${param} is required`, { param });
  if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new OratorError('invalid_parameter', `${param} must be an email address like name@example.com`, { param });
  }
  return email;
}

export function checkDisplayName(raw: unknown, param = 'name'): string {
  const name = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  if (name === '') throw new OratorError('missing_params', `${param} is required`, { param });
  if (name.length > MAX_NAME_LENGTH) throw new OratorError('invalid_parameter', `${param} must be at most ${MAX_NAME_LENGTH} characters long`, { param });
  return name;
}

export function checkNewPassword(raw: unknown, param = 'password'): string {
  const password = typeof raw === 'string' ? raw : '';
  if (password === '') throw new OratorError('missing_params', `${param} is required`, { param });
  if (password.length < MIN_PASSWORD_LENGTH) throw new OratorError('invalid_parameter', `${param} must be at least ${MIN_PASSWORD_LENGTH} characters long`, { param });
  if (password.length > MAX_PASSWORD_LENGTH) throw new OratorError('invalid_parameter', `${param} must be at most ${MAX_PASSWORD_LENGTH} characters long`, { param });
  return password;
}

/** HeyGen's user object has first and last names; Orator keeps one display name and splits it at the first space. */
export function splitDisplayName(name: string): { first: string; last: string | null } {
  const i = name.indexOf(' ');
  return i < 0 ? { first: name, last: null } : { first: name.slice(0, i), last: name.slice(i + 1) };
}
