// Signing in and changing a password. Attempts are limited per account and per client address before
// any password is checked; an unknown email costs the same argon2 verification as a wrong password
// (against a dummy hash) and gets the same answer, so neither timing nor wording says which it was.
import { randomBytes } from 'node:crypto';
import type { RateLimiter } from '../ports.js';
import { checkNewPassword, emailKey, MAX_PASSWORD_LENGTH } from './account-fields.js';
import { endSession, startSession, type SessionDeps } from './sessions.js';
import type { PasswordHasher, SessionRecord, User, UserRecord } from './user-ports.js';

export interface SignInDeps extends SessionDeps {
  hasher: PasswordHasher;
  /** Buckets keyed `account:<email>` (per account) and `address:<ip>` (per client address). */
  accountAttempts: RateLimiter;
  addressAttempts: RateLimiter;
}

export type SignInOutcome =
  | { kind: 'signed_in'; token: string; session: SessionRecord; user: User }
  | { kind: 'refused' }
  | { kind: 'throttled'; retryAfterSec: number };

export type PasswordChangeOutcome = { kind: 'changed'; token: string; session: SessionRecord } | { kind: 'refused' } | { kind: 'throttled'; retryAfterSec: number };

const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

/** A real hash of a random password, made once per hasher: what an unknown email is checked against. */
function dummyHash(hasher: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) dummyHashes.set(hasher, (hash = hasher.hash(randomBytes(18).toString('base64url'))));
  return hash;
}

async function passwordMatches(hasher: PasswordHasher, record: UserRecord | undefined, password: unknown): Promise<boolean> {
  const typed = typeof password === 'string' ? password.slice(0, MAX_PASSWORD_LENGTH) : '';
  const ok = await hasher.verify(record?.passwordHash ?? (await dummyHash(hasher)), typed);
  return ok && record !== undefined && typeof password === 'string' && password.length <= MAX_PASSWORD_LENGTH;
}

export async function signIn(deps: SignInDeps, input: { email: unknown; password: unknown; address: string; replacingToken?: string }): Promise<SignInOutcome> {
  // Started on every attempt, so the first attempt of a process costs the same known or unknown.
  dummyHash(deps.hasher).catch(() => {});
  const key = typeof input.email === 'string' ? emailKey(input.email) : '';
  // Both buckets are charged on every attempt, so guessing across many accounts from one address and
  // guessing one account from many addresses are both slowed.
  const [byAddress, byAccount] = await Promise.all([deps.addressAttempts.take(`address:${input.address}`), deps.accountAttempts.take(`account:${key}`)]);
  const retryAfterSec = Math.max(byAddress, byAccount);
  if (retryAfterSec > 0) return { kind: 'throttled', retryAfterSec };
  const record = key ? await deps.users.findByEmail(key) : undefined;
  if (!(await passwordMatches(deps.hasher, record, input.password)) || !record) return { kind: 'refused' };
  // Rotation: the session the browser had before (if any) ends; the new token is fresh.
  await endSession(deps, input.replacingToken);
  await deps.sessions.deleteExpired(deps.clock.now());
  const { token, session } = await startSession(deps, record.id);
  const { passwordHash: _hidden, ...user } = record;
  return { kind: 'signed_in', token, session, user };
}

/**
 * Checks the current password (attempts limited like sign-in), stores the new hash, ends every session
 * of the user (other browsers included) and starts a fresh one for this browser.
 */
export async function changePassword(
  deps: SignInDeps,
  signedIn: { userId: string; spaceId: string | null },
  input: { current: unknown; next: unknown },
): Promise<PasswordChangeOutcome> {
  const record = await deps.users.findById(signedIn.userId);
  if (!record) return { kind: 'refused' };
  const next = checkNewPassword(input.next, 'new_password');
  const retryAfterSec = await deps.accountAttempts.take(`account:${emailKey(record.email)}`);
  if (retryAfterSec > 0) return { kind: 'throttled', retryAfterSec };
  if (!(await passwordMatches(deps.hasher, record, input.current))) return { kind: 'refused' };
  await deps.users.setPasswordHash(record.id, await deps.hasher.hash(next), deps.clock.now());
  await deps.sessions.deleteForUser(record.id);
  const { token, session } = await startSession(deps, record.id, signedIn.spaceId ?? undefined);
  return { kind: 'changed', token, session };
}

/** The operator's reset: a new password and every session ended. False when no account has the email. */
export async function resetPassword(deps: SignInDeps, email: string, password: unknown): Promise<boolean> {
  const record = await deps.users.findByEmail(emailKey(email));
  if (!record) return false;
  const next = checkNewPassword(password);
  await deps.users.setPasswordHash(record.id, await deps.hasher.hash(next), deps.clock.now());
  await deps.sessions.deleteForUser(record.id);
  return true;
}
