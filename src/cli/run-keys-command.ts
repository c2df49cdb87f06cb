// `orator keys create|list|revoke`: API keys straight in the configured database. A new key is printed
// once on stdout (so it can be captured) and only its hash is stored; the rest goes to stderr.
import { createApiKey, DEFAULT_SPACE } from '../auth/api-keys.js';
import type { ApiKeyRepository } from '../services/ports.js';
import type { KeysCommand } from './build-cli.js';

export async function runKeysCommand(keys: ApiKeyRepository, command: KeysCommand): Promise<number> {
  switch (command.kind) {
    case 'create': {
      const { key, info } = await createApiKey(keys, { space: command.newSpace ? undefined : DEFAULT_SPACE, name: command.name ?? null });
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created key ${info.id} (${info.prefix}) in space ${info.spaceId}; it is shown only once\n`);
      return 0;
    }
    case 'list': {
      for (const k of await keys.list()) {
        process.stdout.write(`${k.id}\t${k.prefix}\t${k.spaceId}\t${k.name ?? ''}\t${k.revokedAt ? 'revoked' : 'active'}\n`);
      }
      return 0;
    }
    case 'revoke': {
      const ok = await keys.revoke(command.target, Date.now());
      process.stderr.write(ok ? `revoked ${command.target}\n` : `no active key matches ${command.target}\n`);
      return ok ? 0 : 1;
    }
  }
}
