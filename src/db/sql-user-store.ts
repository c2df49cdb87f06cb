// Accounts on Kysely. Uniqueness of email is the database's (a unique lower-cased key), so two
// concurrent sign-ups with one address cannot both succeed.
import type { Kysely, Selectable } from 'kysely';
import type { User, UserRecord, UserStore } from '../services/users/user-ports.js';
import type { UsersTable } from './account-tables.js';
import type { Database } from './database.js';

function fromRow(r: Selectable<UsersTable>): UserRecord {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlUserStore implements UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertIfEmailFree(u: UserRecord): Promise<boolean> {
    const r = await this.db
      .insertInto('users')
      .values({
        id: u.id,
        email: u.email,
        email_key: u.email.toLowerCase(),
        display_name: u.displayName,
        password_hash: u.passwordHash,
        created_at: u.createdAt,
        updated_at: u.updatedAt,
      })
      .onConflict((oc) => oc.column('email_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('email_key', '=', email.trim().toLowerCase()).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => {
      const { passwordHash: _hidden, ...user } = fromRow(r);
      return user;
    });
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async setPasswordHash(id: string, passwordHash: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
