// Passwords hashed with argon2id (@node-rs/argon2: prebuilt, no install script), loaded on the first
// hash so worker processes never load it. The parameters are OWASP's first recommended set (19 MiB,
// 2 passes, 1 lane); they travel inside each PHC string, so raising them later keeps old hashes valid.
import type { PasswordHasher } from '../services/users/user-ports.js';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));

export const argon2PasswordHasher: PasswordHasher = {
  async hash(password) {
    const phc = await (await loadArgon2()).hash(password, OPTIONS);
    // The package's default algorithm is argon2id; refuse to store anything else should that change.
    if (!phc.startsWith('$argon2id$')) throw new Error('argon2 produced a non-argon2id hash');
    return phc;
  },
  async verify(passwordHash, password) {
    const { verify } = await loadArgon2();
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash signs nobody in.
      return false;
    }
  },
};
