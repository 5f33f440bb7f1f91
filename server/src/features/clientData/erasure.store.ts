/**
 * Deleting a couple, or one partner's data, from every table (SQLite and PostgreSQL), in one transaction, children
 * first. Returns how many rows went per table (counts only: the audit log records these, never the content).
 * `ERASED_TABLES` names every table a couple's data lives in; erasure.tables.test.ts checks it against the schema,
 * so a new table that holds couple data cannot be forgotten here.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

type Trx = Transaction<Database>;
export type ErasedCounts = Partial<Record<keyof Database, number>>;

/** What a couple's deletion removes, by the key that ties each table to the couple. */
const BY_SESSION = [
  'mail_sends',
  'session_locations',
  'stop_signals',
  'safety_protocols',
  'pauses',
  'script_runs',
  'session_events',
  'progress_note_addenda',
  'progress_notes',
  'session_measures',
  'breakouts',
  'guest_grants',
  'invites',
  'session_participants',
  'session_clinicians',
] as const;
const BY_COUPLE = [
  'partner_summaries',
  'measure_responses',
  'screenings',
  'partner_intakes',
  'chat_messages',
  'case_grants',
  'case_links',
  'conflict_entries',
  'plan_reviews',
  'plan_versions',
  'maintenance_versions',
  'policy_acks',
  'moved_items',
  'policy_versions',
  'pause_settings',
  'map_settings',
  'map_snapshots',
  'couple_shares',
] as const;

/** Every table a couple's deletion empties of that couple (besides collab_updates/snapshots, by doc name). */
export const ERASED_TABLES: readonly (keyof Database)[] = [
  'draft_cards',
  'draft_reveals',
  'draft_rounds',
  'homework_marks',
  'homework',
  ...BY_SESSION,
  ...BY_COUPLE,
  'sessions',
  'partners',
  'couples',
];

/** What one partner's deletion removes: their private data, answers, grants, devices, chat lines. */
const PARTNER_ROWS = [
  'draft_cards',
  'draft_reveals',
  'homework_marks',
  'measure_responses',
  'screenings',
  'partner_intakes',
  'session_locations',
  'stop_signals',
  'chat_messages',
  'conflict_entries',
  'policy_acks',
  'case_grants',
  'case_links',
  'guest_grants',
  'mail_sends',
  'partner_summaries',
  'breakouts',
] as const;

const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

export class ErasureStore {
  constructor(private readonly db: Db) {}

  /** The couple's session ids (every status). */
  async sessionIds(coupleId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('sessions').select('id').where('couple_id', '=', coupleId).execute();
    return rows.map((r) => r.id);
  }

  /** Sessions of a partner's couple in which they hold a device or an invite (their credentials to end). */
  async sessionsWithStatus(coupleId: string): Promise<{ id: string; therapistId: string; status: string }[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'therapist_id', 'status'])
      .where('couple_id', '=', coupleId)
      .execute();
    return rows.map((r) => ({ id: r.id, therapistId: r.therapist_id, status: r.status }));
  }

  async eraseCouple(coupleId: string, partnerIds: readonly string[]): Promise<ErasedCounts> {
    const sessionIds = await this.sessionIds(coupleId);
    return this.db.transaction().execute(async (trx) => {
      const out: ErasedCounts = {};
      const rounds = sessionIds.length
        ? (await trx.selectFrom('draft_rounds').select('id').where('session_id', 'in', sessionIds).execute()).map(
            (r) => r.id,
          )
        : [];
      if (rounds.length) {
        out.draft_cards = count(await trx.deleteFrom('draft_cards').where('round_id', 'in', rounds).executeTakeFirst());
        out.draft_reveals = count(
          await trx.deleteFrom('draft_reveals').where('round_id', 'in', rounds).executeTakeFirst(),
        );
        out.draft_rounds = count(await trx.deleteFrom('draft_rounds').where('id', 'in', rounds).executeTakeFirst());
      }
      const homework = (await trx.selectFrom('homework').select('id').where('couple_id', '=', coupleId).execute()).map(
        (r) => r.id,
      );
      if (homework.length) {
        out.homework_marks = count(
          await trx.deleteFrom('homework_marks').where('homework_id', 'in', homework).executeTakeFirst(),
        );
      }
      if (partnerIds.length) {
        out.homework_marks =
          (out.homework_marks ?? 0) +
          count(
            await trx
              .deleteFrom('homework_marks')
              .where('partner_id', 'in', [...partnerIds])
              .executeTakeFirst(),
          );
      }
      out.homework = count(await trx.deleteFrom('homework').where('couple_id', '=', coupleId).executeTakeFirst());
      if (sessionIds.length) {
        for (const table of BY_SESSION) {
          out[table] = count(await trx.deleteFrom(table).where('session_id', 'in', sessionIds).executeTakeFirst());
        }
      }
      for (const table of BY_COUPLE) {
        out[table] = count(await trx.deleteFrom(table).where('couple_id', '=', coupleId).executeTakeFirst());
      }
      out.sessions = count(await trx.deleteFrom('sessions').where('couple_id', '=', coupleId).executeTakeFirst());
      out.partners = count(await trx.deleteFrom('partners').where('couple_id', '=', coupleId).executeTakeFirst());
      out.couples = count(await trx.deleteFrom('couples').where('id', '=', coupleId).executeTakeFirst());
      return nonZero(out);
    });
  }

  /**
   * One partner's data. Kept: the partner's place in the couple (their display name, which the shared map and the
   * clinician's records name), their attendance in the clinician's session records, the shared map.
   */
  async erasePartner(coupleId: string, partnerId: string): Promise<ErasedCounts> {
    return this.db.transaction().execute(async (trx) => {
      const out: ErasedCounts = {};
      const ownTasks = (
        await trx
          .selectFrom('homework')
          .select('id')
          .where('couple_id', '=', coupleId)
          .where('partner_id', '=', partnerId)
          .execute()
      ).map((r) => r.id);
      if (ownTasks.length) {
        out.homework_marks = count(
          await trx.deleteFrom('homework_marks').where('homework_id', 'in', ownTasks).executeTakeFirst(),
        );
      }
      for (const table of PARTNER_ROWS) {
        out[table] = (out[table] ?? 0) + (await deleteOfPartner(trx, table, partnerId));
      }
      out.invites = count(await trx.deleteFrom('invites').where('partner_id', '=', partnerId).executeTakeFirst());
      out.homework = count(
        await trx
          .deleteFrom('homework')
          .where('couple_id', '=', coupleId)
          .where('partner_id', '=', partnerId)
          .executeTakeFirst(),
      );
      // Their contact details and own words on the partner row.
      await trx
        .updateTable('partners')
        .set({ email: null, time_zone: null, stop_label: null })
        .where('id', '=', partnerId)
        .execute();
      return nonZero(out);
    });
  }
}

async function deleteOfPartner(trx: Trx, table: (typeof PARTNER_ROWS)[number], partnerId: string): Promise<number> {
  return count(await trx.deleteFrom(table).where('partner_id', '=', partnerId).executeTakeFirst());
}

function nonZero(counts: ErasedCounts): ErasedCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)) as ErasedCounts;
}
