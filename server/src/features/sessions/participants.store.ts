import type { Db } from '../../db/database.js';
import type { SessionParticipantsTable } from '../../db/schema.js';

/** The owning store of `session_participants` reads: other features call it instead of querying the table. */
export class ParticipantsStore {
  constructor(private readonly db: Db) {}

  /** The ids of the partners taking part in a session. */
  async partnerIds(sessionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('session_participants')
      .select('partner_id')
      .where('session_id', '=', sessionId)
      .execute();
    return rows.map((r) => r.partner_id);
  }

  /** A partner's participation in a session, or undefined if they are not part of it. */
  async get(sessionId: string, partnerId: string): Promise<SessionParticipantsTable | undefined> {
    return this.db
      .selectFrom('session_participants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst();
  }
}
