// What the HTTP layer, the command line and (next) the OAuth server call about people: accounts,
// sign-in, sessions and "may this user do that in that space". Each use case lives in its own module.
import { roleAllows, type SpaceAction } from '../../domain/space-role.js';
import { OratorError } from '../../domain/errors.js';
import { createUser, type CreatedUser, type NewUserInput } from './create-user.js';
import { resolveSession, endSession } from './sessions.js';
import { changePassword, resetPassword, signIn, type PasswordChangeOutcome, type SignInDeps, type SignInOutcome } from './sign-in.js';
import type { Membership, SignedInUser, User } from './user-ports.js';

export interface UserService {
  createUser(input: NewUserInput): Promise<CreatedUser>;
  /** Every account with its spaces, oldest first (the operator's list). */
  listUsers(): Promise<Array<User & { memberships: Membership[] }>>;
  findUser(id: string): Promise<User | undefined>;
  resetPassword(email: string, password: unknown): Promise<boolean>;
  signIn(input: { email: unknown; password: unknown; address: string; replacingToken?: string }): Promise<SignInOutcome>;
  signOut(sessionToken: string | undefined): Promise<void>;
  changePassword(signedIn: SignedInUser, input: { current: unknown; next: unknown }): Promise<PasswordChangeOutcome>;
  /** Who a session cookie belongs to; null when unknown or expired. */
  whoIsSignedIn(sessionToken: string | undefined): Promise<SignedInUser | null>;
  /** Points the session at another of the user's spaces; not_found when the user is not a member. */
  switchSpace(signedIn: SignedInUser, spaceId: string): Promise<Membership>;
  memberships(userId: string): Promise<Membership[]>;
  membership(userId: string, spaceId: string): Promise<Membership | undefined>;
  /** Whether the user belongs to the space with a role that allows the action. */
  userMay(userId: string, spaceId: string, action: SpaceAction): Promise<boolean>;
}

export function createUserService(deps: SignInDeps): UserService {
  const { users, memberships, sessions } = deps;
  const strip = (record: { passwordHash: string } & User): User => {
    const { passwordHash: _hidden, ...user } = record;
    return user;
  };
  return {
    createUser: (input) => createUser(deps, input),
    listUsers: async () => Promise.all((await users.list()).map(async (u) => ({ ...u, memberships: await memberships.listForUser(u.id) }))),
    findUser: async (id) => {
      const record = await users.findById(id);
      return record ? strip(record) : undefined;
    },
    resetPassword: (email, password) => resetPassword(deps, email, password),
    signIn: (input) => signIn(deps, input),
    signOut: (token) => endSession(deps, token),
    changePassword: (signedIn, input) => changePassword(deps, { userId: signedIn.user.id, spaceId: signedIn.space?.id ?? null }, input),
    whoIsSignedIn: (token) => resolveSession(deps, token),
    switchSpace: async (signedIn, spaceId) => {
      const membership = await memberships.find(signedIn.user.id, spaceId);
      if (!membership) throw new OratorError('not_found', `space_id: you are not a member of space ${spaceId}`, { param: 'space_id' });
      await sessions.setSpace(signedIn.sessionId, spaceId);
      return membership;
    },
    memberships: (userId) => memberships.listForUser(userId),
    membership: (userId, spaceId) => memberships.find(userId, spaceId),
    userMay: async (userId, spaceId, action) => {
      const membership = await memberships.find(userId, spaceId);
      return membership !== undefined && roleAllows(membership.role, action);
    },
  };
}
