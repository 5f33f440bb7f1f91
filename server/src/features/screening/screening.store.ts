/** Storage of the intake, the location per session and the private screenings (issue 15). */
import type { IntakeDto, MeasureAnswers, ScreeningDto, SessionLocationDto } from '@tandem/shared';
import { SCREENING_LIMITS } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { PartnerIntakesTable, ScreeningsTable, SessionLocationsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';

const iso = (ms: number | string) => toIso(Number(ms)) ?? '';

export function intakeDto(row: PartnerIntakesTable): IntakeDto {
  return {
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactRelation: row.contact_relation,
    address: row.address,
    country: row.country,
    consentVersion: Number(row.consent_version),
    consentAt: iso(row.consent_at),
    updatedAt: iso(row.updated_at),
  };
}

export function locationDto(row: SessionLocationsTable): SessionLocationDto {
  return {
    partnerId: row.partner_id,
    usual: Number(row.usual) === 1,
    address: row.address,
    country: row.country,
    private: Number(row.private) === 1,
    confirmedAt: iso(row.confirmed_at),
  };
}

export function screeningDto(row: ScreeningsTable): ScreeningDto {
  return {
    id: row.id,
    partnerId: row.partner_id,
    instrumentId: row.instrument_id,
    instrumentVersion: Number(row.instrument_version),
    sentAt: iso(row.sent_at),
    answeredAt: row.answered_at === null ? null : iso(row.answered_at),
    answers: row.answers === null ? null : (JSON.parse(row.answers) as MeasureAnswers),
    score: row.score === null ? null : Number(row.score),
    flagged: row.flagged === null ? null : Number(row.flagged) === 1,
    riskItems: row.risk_items === null ? [] : (JSON.parse(row.risk_items) as string[]),
  };
}

export class ScreeningStore {
  constructor(private readonly db: Db) {}

  async intake(partnerId: string): Promise<PartnerIntakesTable | undefined> {
    return this.db.selectFrom('partner_intakes').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  }

  async intakes(coupleId: string): Promise<PartnerIntakesTable[]> {
    return this.db.selectFrom('partner_intakes').selectAll().where('couple_id', '=', coupleId).execute();
  }

  async saveIntake(row: PartnerIntakesTable): Promise<void> {
    const { partner_id: _id, couple_id: _couple, ...rest } = row;
    await this.db
      .insertInto('partner_intakes')
      .values(row)
      .onConflict((oc) => oc.column('partner_id').doUpdateSet(rest))
      .execute();
  }

  async locations(sessionId: string): Promise<SessionLocationsTable[]> {
    return this.db.selectFrom('session_locations').selectAll().where('session_id', '=', sessionId).execute();
  }

  async location(sessionId: string, partnerId: string): Promise<SessionLocationsTable | undefined> {
    return this.db
      .selectFrom('session_locations')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst();
  }

  async saveLocation(row: SessionLocationsTable): Promise<void> {
    const { session_id: _s, partner_id: _p, ...rest } = row;
    await this.db
      .insertInto('session_locations')
      .values(row)
      .onConflict((oc) => oc.columns(['session_id', 'partner_id']).doUpdateSet(rest))
      .execute();
  }

  async screenings(coupleId: string): Promise<ScreeningsTable[]> {
    return this.db
      .selectFrom('screenings')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('sent_at', 'desc')
      .orderBy('id')
      .limit(SCREENING_LIMITS.screeningsPerPartner * 2)
      .execute();
  }

  /** The partner's open screening (sent, not answered), the oldest first. */
  async open(partnerId: string): Promise<ScreeningsTable | undefined> {
    return this.db
      .selectFrom('screenings')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .where('answered_at', 'is', null)
      .orderBy('sent_at')
      .limit(1)
      .executeTakeFirst();
  }

  async insert(row: ScreeningsTable): Promise<void> {
    await this.db.insertInto('screenings').values(row).execute();
  }

  /** Answers an open screening; false when it was answered already (or is not this partner's). */
  async answer(
    id: string,
    partnerId: string,
    values: Pick<ScreeningsTable, 'answered_at' | 'answers' | 'score' | 'flagged' | 'risk_items'>,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('screenings')
      .set(values)
      .where('id', '=', id)
      .where('partner_id', '=', partnerId)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return res.numUpdatedRows > 0n;
  }
}
