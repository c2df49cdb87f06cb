// Secrets the install makes for itself at first start (cookie signing, CSRF, invitation links), kept in
// the database so every API process of a scale-out shares them and none is ever in the repository.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/** The named secret, generated on first use; concurrent first starts agree on whichever insert won. */
export async function loadServerSecret(db: Kysely<Database>, name: string, now: number = Date.now()): Promise<string> {
  const found = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return stored.value;
}
