// `orator users create|list|reset-password`: accounts straight in the configured database. A generated
// password is printed once on stdout (so it can be captured); everything else goes to stderr.
import { randomBytes } from 'node:crypto';
import { DEFAULT_SPACE } from '../domain/default-space.js';
import { isOratorError } from '../domain/errors.js';
import { isSpaceRole } from '../domain/space-role.js';
import type { UserService } from '../services/users/user-service.js';
import type { UsersCommand } from './build-cli.js';

export interface UsersCommandIo {
  readStdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: UsersCommandIo = {
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

async function passwordFor(fromStdin: boolean, io: UsersCommandIo): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: (await io.readStdin()).replace(/\r?\n$/, ''), generated: false };
  return { password: randomBytes(18).toString('base64url'), generated: true };
}

async function create(users: UserService, command: Extract<UsersCommand, { kind: 'create' }>, io: UsersCommandIo): Promise<number> {
  const role = command.role ?? 'member';
  if (!isSpaceRole(role)) {
    io.err(`error: --role must be owner, admin or member; got "${role}"\n`);
    return 2;
  }
  const { password, generated } = await passwordFor(command.passwordFromStdin, io);
  const created = await users.createUser({ email: command.email, name: command.name, password, space: { id: command.space ?? DEFAULT_SPACE.id, role } });
  if (generated) io.out(`${password}\n`);
  const where = created.membership ? `${created.membership.role} of ${created.membership.spaceName} (${created.membership.spaceId})` : 'in no space';
  io.err(`created ${created.user.id} <${created.user.email}>, ${where}${created.first ? ' as the first account' : ''}${generated ? '; the password above is shown only once' : ''}\n`);
  return 0;
}

export async function runUsersCommand(users: UserService, command: UsersCommand, io: UsersCommandIo = processIo): Promise<number> {
  try {
    switch (command.kind) {
      case 'create':
        return await create(users, command, io);
      case 'list':
        for (const u of await users.listUsers()) io.out(`${u.id}\t${u.email}\t${u.displayName}\t${u.memberships.map((m) => `${m.spaceId}:${m.role}`).join(',')}\n`);
        return 0;
      case 'reset-password': {
        const { password, generated } = await passwordFor(command.passwordFromStdin, io);
        if (!(await users.resetPassword(command.email, password))) {
          io.err(`no account has the email ${command.email}\n`);
          return 1;
        }
        if (generated) io.out(`${password}\n`);
        io.err(`password reset for ${command.email}; every session of the account has ended\n`);
        return 0;
      }
    }
  } catch (err) {
    // Refusals (a taken email, a short password) are the user's to fix: one line, no stack.
    if (!isOratorError(err)) throw err;
    io.err(`error: ${err.message}\n`);
    return 1;
  }
}
