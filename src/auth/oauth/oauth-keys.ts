// The authorization server's signing key (ID tokens, signed responses), made once at first start and
// kept in the database with the other generated secrets, so every API process of a scale-out signs
// with the same key and none is ever in the repository.
import { generateKeyPairSync, randomUUID } from 'node:crypto';

export interface SigningJwks {
  keys: Record<string, unknown>[];
}

export function generateSigningJwks(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return JSON.stringify({ keys: [{ ...jwk, kid: randomUUID(), use: 'sig', alg: 'RS256' }] } satisfies SigningJwks);
}

export function parseSigningJwks(stored: string): SigningJwks {
  const parsed = JSON.parse(stored) as SigningJwks;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error('The stored OAuth signing keys (server_secrets oauth-signing-jwks) hold no key');
  return parsed;
}
