// Memberships on Kysely. "Keep one owner" is part of the statements themselves (a demotion or removal
// of an owner applies only while another owner exists), not a read followed by a write.
import { sql, type Kysely } from 'kysely';
import type { SpaceRole } from '../domain/space-role.js';
import type { Membership, MembershipStore, SpaceMember } from '../services/users/user-ports.js';
import type { Database } from './database.js';

type MembershipRow = { space_id: string; space_name: string; user_id: string; role: string; created_at: number };

function fromRow(r: MembershipRow): Membership {
  return { spaceId: r.space_id, spaceName: r.space_name, userId: r.user_id, role: r.role as SpaceRole, createdAt: Number(r.created_at) };
}

export class SqlMembershipStore implements MembershipStore {
  constructor(private readonly db: Kysely<Database>) {}

  private memberships() {
    return this.db
      .selectFrom('space_members as m')
      .innerJoin('spaces as s', 's.id', 'm.space_id')
      .select(['m.space_id', 's.name as space_name', 'm.user_id', 'm.role', 'm.created_at']);
  }

  async ensureSpace(space: { id: string; name: string }, now: number): Promise<void> {
    await this.db.insertInto('spaces').values({ id: space.id, name: space.name, created_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
  }

  async findSpace(id: string): Promise<{ id: string; name: string } | undefined> {
    return this.db.selectFrom('spaces').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  async add(m: { spaceId: string; userId: string; role: SpaceRole; createdAt: number }): Promise<boolean> {
    const r = await this.db
      .insertInto('space_members')
      .values({ space_id: m.spaceId, user_id: m.userId, role: m.role, created_at: m.createdAt })
      .onConflict((oc) => oc.columns(['space_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async find(userId: string, spaceId: string): Promise<Membership | undefined> {
    const r = await this.memberships().where('m.user_id', '=', userId).where('m.space_id', '=', spaceId).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async listForUser(userId: string): Promise<Membership[]> {
    return (await this.memberships().where('m.user_id', '=', userId).orderBy('m.created_at').orderBy('m.space_id').execute()).map(fromRow);
  }

  async listForSpace(spaceId: string): Promise<SpaceMember[]> {
    const rows = await this.memberships()
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.display_name'])
      .where('m.space_id', '=', spaceId)
      .orderBy('m.created_at')
      .orderBy('m.user_id')
      .execute();
    return rows.map((r) => ({ ...fromRow(r), email: r.email, displayName: r.display_name }));
  }

  /** Matches the row unless it is an owner's and no other owner exists. */
  private otherOwnerExists(spaceId: string, userId: string) {
    return sql<boolean>`(role <> 'owner' or exists (select 1 from space_members o where o.space_id = ${spaceId} and o.role = 'owner' and o.user_id <> ${userId}))`;
  }

  async setRole(spaceId: string, userId: string, role: SpaceRole): Promise<boolean> {
    let q = this.db.updateTable('space_members').set({ role }).where('space_id', '=', spaceId).where('user_id', '=', userId);
    if (role !== 'owner') q = q.where(this.otherOwnerExists(spaceId, userId));
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }

  async remove(spaceId: string, userId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('space_members').where('space_id', '=', spaceId).where('user_id', '=', userId).where(this.otherOwnerExists(spaceId, userId)).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
