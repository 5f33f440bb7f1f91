import type { Db } from '../../db/database.js';
import type { PartnersTable } from '../../db/schema.js';

/** The owning store of `partners` reads: other features call it instead of querying the table. */
export class PartnersStore {
  constructor(private readonly db: Db) {}

  /** A couple's partners, slot `a` first. */
  async ofCouple(coupleId: string): Promise<PartnersTable[]> {
    return this.db.selectFrom('partners').selectAll().where('couple_id', '=', coupleId).orderBy('slot').execute();
  }

  /** The partners of several couples (in no particular order). */
  async ofCouples(coupleIds: readonly string[]): Promise<PartnersTable[]> {
    if (coupleIds.length === 0) return [];
    return this.db.selectFrom('partners').selectAll().where('couple_id', 'in', coupleIds).execute();
  }

  /** A partner's display name, or undefined for an unknown id. */
  async displayName(partnerId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('partners')
      .select('display_name')
      .where('id', '=', partnerId)
      .executeTakeFirst();
    return row?.display_name;
  }

  /** The couple a partner belongs to and that couple's therapist, or undefined for an unknown id. */
  async owner(partnerId: string): Promise<{ coupleId: string; therapistId: string } | undefined> {
    const row = await this.db
      .selectFrom('partners')
      .innerJoin('couples', 'couples.id', 'partners.couple_id')
      .select(['couples.id as couple_id', 'couples.therapist_id'])
      .where('partners.id', '=', partnerId)
      .executeTakeFirst();
    return row ? { coupleId: row.couple_id, therapistId: row.therapist_id } : undefined;
  }
}
