import type { DeviceAdmission } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { GuestGrantsTable } from '../../db/schema.js';

/** The owning store of `guest_grants`: one row per partner device (a redeemed link's cookie). */
export class GrantsStore {
  constructor(private readonly db: Db) {}

  /** The devices of several sessions: whose they are and the hash of their cookie (to end them). */
  async devicesOf(
    sessionIds: readonly string[],
  ): Promise<Pick<GuestGrantsTable, 'session_id' | 'partner_id' | 'token_hash'>[]> {
    if (sessionIds.length === 0) return [];
    return this.db
      .selectFrom('guest_grants')
      .select(['session_id', 'partner_id', 'token_hash'])
      .where('session_id', 'in', sessionIds)
      .execute();
  }

  /** The grant and its session's facts, by the hash of the cookie. */
  async byHash(grantHash: string) {
    return this.db
      .selectFrom('guest_grants as g')
      .innerJoin('sessions', 'sessions.id', 'g.session_id')
      .innerJoin('partners', 'partners.id', 'g.partner_id')
      .select([
        'g.token_hash',
        'g.device_id',
        'g.partner_id',
        'g.expires_at',
        'g.admission',
        'sessions.id as session_id',
        'sessions.couple_id',
        'sessions.therapist_id',
        'sessions.status',
        'partners.display_name',
      ])
      .where('g.token_hash', '=', grantHash)
      .executeTakeFirst();
  }

  async device(grantHash: string): Promise<GuestGrantsTable | undefined> {
    return this.db.selectFrom('guest_grants').selectAll().where('token_hash', '=', grantHash).executeTakeFirst();
  }

  async deviceById(sessionId: string, partnerId: string, deviceId: string): Promise<GuestGrantsTable | undefined> {
    return this.db
      .selectFrom('guest_grants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
  }

  /** Every device of a session, oldest first. */
  async forSession(sessionId: string): Promise<GuestGrantsTable[]> {
    return this.db
      .selectFrom('guest_grants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('device_id')
      .execute();
  }

  async forPartner(sessionId: string, partnerId: string): Promise<GuestGrantsTable[]> {
    return (await this.forSession(sessionId)).filter((g) => g.partner_id === partnerId);
  }

  async setAdmission(grantHash: string, admission: DeviceAdmission): Promise<void> {
    await this.db
      .updateTable('guest_grants')
      .set({ admission, disconnected_at: null })
      .where('token_hash', '=', grantHash)
      .execute();
  }

  async setDisconnected(grantHash: string, at: number | null): Promise<void> {
    await this.db
      .updateTable('guest_grants')
      .set({ disconnected_at: at })
      .where('token_hash', '=', grantHash)
      .execute();
  }

  async acknowledgePolicy(grantHash: string, at: number): Promise<void> {
    await this.db
      .updateTable('guest_grants')
      .set({ policy_ack_at: at })
      .where('token_hash', '=', grantHash)
      .where('policy_ack_at', 'is', null)
      .execute();
  }

  /** Deletes grants (all of a partner's in a session, or one device) and returns their hashes. */
  async remove(sessionId: string, partnerId: string, deviceId?: string): Promise<string[]> {
    let q = this.db.deleteFrom('guest_grants').where('session_id', '=', sessionId).where('partner_id', '=', partnerId);
    if (deviceId !== undefined) q = q.where('device_id', '=', deviceId);
    const rows = await q.returning('token_hash').execute();
    return rows.map((r) => r.token_hash);
  }
}
