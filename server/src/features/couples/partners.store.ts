import type { Db } from '../../db/database.js';
import type { PartnersTable } from '../../db/schema.js';

/** What a process needs to send one e-mail: the partner's address, language, zone and the therapist's names. */
export interface Recipient {
  partnerId: string;
  email: string | null;
  language: 'en' | 'es';
  timeZone: string | null;
  coupleId: string;
  therapistId: string;
  therapistName: string;
  practiceName: string;
}

/** The owning store of `partners` reads: other features call it instead of querying the table. */
export class PartnersStore {
  constructor(private readonly db: Db) {}

  /** What a partner's own data export says of them: their name and language, their couple's and therapist's name. */
  async profile(partnerId: string) {
    return this.db
      .selectFrom('partners')
      .innerJoin('couples', 'couples.id', 'partners.couple_id')
      .innerJoin('therapists', 'therapists.id', 'couples.therapist_id')
      .select([
        'partners.display_name as displayName',
        'partners.language',
        'couples.name as coupleName',
        'therapists.name as therapistName',
      ])
      .where('partners.id', '=', partnerId)
      .executeTakeFirstOrThrow();
  }

  /** Where and how a partner's e-mails go (address, language, zone: theirs, else the practice's) and whose practice sends them. Therapist-side. */
  async recipient(partnerId: string): Promise<Recipient | undefined> {
    const row = await this.db
      .selectFrom('partners')
      .innerJoin('couples', 'couples.id', 'partners.couple_id')
      .innerJoin('therapists', 'therapists.id', 'couples.therapist_id')
      .select((eb) => [
        'partners.id',
        'partners.email',
        'partners.language',
        'partners.time_zone',
        'couples.id as couple_id',
        'therapists.id as therapist_id',
        'therapists.name as therapist_name',
        eb.selectFrom('practice').select('practice.name').where('practice.id', '=', 1).as('practice_name'),
        eb.selectFrom('practice').select('practice.time_zone').where('practice.id', '=', 1).as('practice_zone'),
      ])
      .where('partners.id', '=', partnerId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      partnerId: row.id,
      email: row.email,
      language: row.language,
      // A partner without a zone of their own gets the practice's (set by the owner; UTC until then).
      timeZone: row.time_zone ?? row.practice_zone ?? null,
      coupleId: row.couple_id,
      therapistId: row.therapist_id,
      therapistName: row.therapist_name,
      practiceName: row.practice_name ?? '',
    };
  }

  /** A couple's partners, slot `a` first. */
  async ofCouple(coupleId: string): Promise<PartnersTable[]> {
    return this.db.selectFrom('partners').selectAll().where('couple_id', '=', coupleId).orderBy('slot').execute();
  }

  /** The partners of several couples (in no particular order). */
  /** Every partner with their couple's name, by couple then slot (the audit log's filter options). */
  async allWithCouple(): Promise<{ id: string; displayName: string; coupleName: string }[]> {
    const rows = await this.db
      .selectFrom('partners')
      .innerJoin('couples', 'couples.id', 'partners.couple_id')
      .select(['partners.id', 'partners.display_name', 'couples.name as couple_name'])
      .orderBy('couples.name')
      .orderBy('partners.slot')
      .execute();
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, coupleName: r.couple_name }));
  }

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

  /** Display names of these partners, by id (unknown ids are left out). */
  async displayNames(partnerIds: readonly string[]): Promise<Map<string, string>> {
    if (partnerIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('partners')
      .select(['id', 'display_name'])
      .where('id', 'in', partnerIds)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** The words each partner of a couple agreed for the stop signal (null: the default), slot `a` first. */
  async stopLabelsOfCouple(coupleId: string): Promise<{ partnerId: string; label: string | null }[]> {
    const rows = await this.db
      .selectFrom('partners')
      .select(['id', 'stop_label'])
      .where('couple_id', '=', coupleId)
      .orderBy('slot')
      .execute();
    return rows.map((r) => ({ partnerId: r.id, label: r.stop_label }));
  }

  async stopLabelOf(partnerId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('partners')
      .select('stop_label')
      .where('id', '=', partnerId)
      .executeTakeFirst();
    return row?.stop_label ?? null;
  }

  /** Sets the stop signal's words of a partner of this couple; false when the partner is not the couple's. */
  async setStopLabel(coupleId: string, partnerId: string, label: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('partners')
      .set({ stop_label: label })
      .where('id', '=', partnerId)
      .where('couple_id', '=', coupleId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
