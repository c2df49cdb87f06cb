// Making an account: the operator's `orator users create`, or a person accepting an invitation. The
// first account of an install becomes the owner of the default space (where API keys made before
// accounts existed live), so a fresh install has someone who can manage it.
import { DEFAULT_SPACE } from '../../domain/default-space.js';
import { OratorError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { SpaceRole } from '../../domain/space-role.js';
import type { Clock } from '../ports.js';
import { checkDisplayName, checkEmail, checkNewPassword } from './account-fields.js';
import type { Membership, MembershipStore, PasswordHasher, User, UserStore } from './user-ports.js';

export interface CreateUserDeps {
  users: UserStore;
  memberships: MembershipStore;
  hasher: PasswordHasher;
  clock: Clock;
}

export interface NewUserInput {
  email: unknown;
  name: unknown;
  password: unknown;
  /** Where the user goes when not the install's first; none = no space yet. */
  space?: { id: string; role: SpaceRole };
}

export interface CreatedUser {
  user: User;
  membership: Membership | null;
  /** The install's first account: owner of the default space. */
  first: boolean;
}

export async function createUser(deps: CreateUserDeps, input: NewUserInput): Promise<CreatedUser> {
  const email = checkEmail(input.email);
  const displayName = checkDisplayName(input.name);
  const password = checkNewPassword(input.password);
  const now = deps.clock.now();
  const first = (await deps.users.count()) === 0;
  const space = first ? { id: DEFAULT_SPACE.id, role: 'owner' as const } : input.space;
  if (first) await deps.memberships.ensureSpace(DEFAULT_SPACE, now);
  else if (space && !(await deps.memberships.findSpace(space.id))) throw new OratorError('not_found', `space: no space ${space.id} exists`, { param: 'space' });
  const user = { id: newId('user'), email, displayName, createdAt: now, updatedAt: now };
  const stored = await deps.users.insertIfEmailFree({ ...user, passwordHash: await deps.hasher.hash(password) });
  if (!stored) throw new OratorError('invalid_parameter', 'email: an account with this email already exists; sign in instead, or use another address', { param: 'email' });
  if (!space) return { user, membership: null, first };
  await deps.memberships.add({ spaceId: space.id, userId: user.id, role: space.role, createdAt: now });
  return { user, membership: (await deps.memberships.find(user.id, space.id)) ?? null, first };
}
