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

  /** A session's participants with their partner's name and slot, slot `a` first. */
  async withPartners(sessionId: string) {
    return this.db
      .selectFrom('session_participants as sp')
      .innerJoin('partners', 'partners.id', 'sp.partner_id')
      .select([
        'sp.partner_id',
        'sp.admission',
        'sp.disconnected_at',
        'partners.display_name',
        'partners.slot',
        'partners.language',
      ])
      .where('sp.session_id', '=', sessionId)
      .orderBy('partners.slot')
      .execute();
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

  /** Every session a partner was part of, with their admission there. */
  async ofPartner(partnerId: string): Promise<Pick<SessionParticipantsTable, 'session_id' | 'admission'>[]> {
    return this.db
      .selectFrom('session_participants')
      .select(['session_id', 'admission'])
      .where('partner_id', '=', partnerId)
      .execute();
  }
}
