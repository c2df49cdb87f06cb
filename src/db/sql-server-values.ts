// A generated value kept in server_secrets under its name, made by the caller on first use (the OAuth
// signing keys, which are not a random string like the other secrets). Concurrent first starts agree on
// whichever insert won.
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

export async function loadOrCreateServerValue(db: Kysely<Database>, name: string, make: () => string, now: number = Date.now()): Promise<string> {
  const found = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('server_secrets')
    .values({ name, value: make(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return stored.value;
}
