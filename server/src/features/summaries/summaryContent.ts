/**
 * Builds a partner's summary from an allow-list, field by field: the map at the session's end (its cards and
 * arrows), the exercises run (names, roles, how far), the task field of the progress note, the next session this
 * audience is part of, and the therapist's own words. Nothing else is read: not the note's other fields or risk
 * answers, not the psychotherapy notes, not the private panels or chats, not the record's attendance, pauses or
 * quick exits. Each value is copied into a new object so that no field of a source can ride along.
 */
import { createHash } from 'node:crypto';
import {
  SUMMARY_VERSION,
  contentFor,
  type Language,
  type PartnerSummary,
  type ProgressNoteContent,
  type SummaryAudience,
  type SummaryDraftBody,
  type SummaryExercise,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { SessionsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { PartnersStore } from '../couples/partners.store.js';
import type { RecordService } from '../record/record.service.js';
import type { ScriptsService } from '../scripts/scripts.service.js';

/** Who a summary is for, resolved against the session. */
export interface ResolvedAudience {
  /** `couple` or the partner's id: the row's key. */
  key: string;
  audience: SummaryAudience;
  partnerId: string | null;
  /** The partner's own language (a default for the labels). */
  language: Language | null;
}

export const contentHash = (content: PartnerSummary): string =>
  createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** True when a summary would tell its reader nothing. */
export const isEmpty = (c: PartnerSummary): boolean =>
  c.map === null && c.exercises.length === 0 && c.task === null && c.nextSession === null && c.message === null;

export class SummaryContent {
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly record: RecordService,
    private readonly scripts: ScriptsService,
  ) {
    this.partners = new PartnersStore(ctx.db);
  }

  async assemble(session: SessionsTable, who: ResolvedAudience, options: SummaryDraftBody): Promise<PartnerSummary> {
    const db = this.ctx.db;
    const [couple, therapist, partners, map, runs, note, next] = await Promise.all([
      db.selectFrom('couples').select('name').where('id', '=', session.couple_id).executeTakeFirst(),
      db.selectFrom('therapists').select('name').where('id', '=', session.therapist_id).executeTakeFirst(),
      this.partners.ofCouple(session.couple_id),
      options.include.map ? this.record.mapOf(session) : null,
      options.include.exercises ? this.scripts.runs(session.id) : [],
      options.include.task
        ? db.selectFrom('progress_notes').select('content').where('session_id', '=', session.id).executeTakeFirst()
        : undefined,
      options.include.nextSession ? this.nextSession(session, who.partnerId) : null,
    ]);
    const nameOf = (id: string) => partners.find((p) => p.id === id)?.display_name ?? '';

    const exercises: SummaryExercise[] = runs.map((r) => {
      const content = contentFor(r.contents, options.language, r.language);
      const stepCount = content?.steps.length ?? 0;
      const reached = r.visits.length ? Math.max(...r.visits.map((v) => v.step)) + 1 : 0;
      return {
        name: content?.name ?? '',
        roles: Object.entries(r.assignments).map(([roleId, partnerId]) => ({
          roleName: content?.roles.find((x) => x.id === roleId)?.name ?? roleId,
          partnerName: nameOf(partnerId),
        })),
        stepsReached: Math.min(reached, stepCount),
        stepCount,
        completed: stepCount > 0 && reached >= stepCount,
      };
    });

    // Only the task field of the note: parsed here, and nothing else of it is touched.
    const task = note ? ((JSON.parse(note.content) as ProgressNoteContent).fields.task ?? '').trim() : '';
    const message = options.message.trim();

    return {
      version: SUMMARY_VERSION,
      language: options.language,
      audience: who.audience,
      coupleName: couple?.name ?? '',
      therapistName: therapist?.name ?? '',
      session: {
        id: session.id,
        title: session.title,
        kind: session.kind,
        date: toIso(session.started_at ?? session.scheduled_at),
      },
      partners: partners.map((p) => ({ slot: p.slot, name: p.display_name })),
      map: map
        ? {
            nodes: map.nodes.map((n) => ({ id: n.id, kind: n.kind, side: n.side, label: n.label, x: n.x, y: n.y })),
            edges: map.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
          }
        : null,
      exercises,
      task: task === '' ? null : task,
      nextSession: next,
      message: message === '' ? null : message,
    };
  }

  /**
   * The couple's next scheduled session after this one that the audience is part of: a joint session, or (for one
   * partner) an individual session of theirs; another partner's individual session is never named.
   */
  private async nextSession(session: SessionsTable, partnerId: string | null): Promise<PartnerSummary['nextSession']> {
    const after = Number(session.ended_at ?? session.started_at ?? session.scheduled_at ?? session.created_at);
    let q = this.ctx.db
      .selectFrom('sessions')
      .select(['scheduled_at', 'duration_minutes', 'kind'])
      .where('couple_id', '=', session.couple_id)
      .where('id', '!=', session.id)
      .where('status', '=', 'scheduled')
      .where('scheduled_at', 'is not', null)
      .where('scheduled_at', '>', after);
    q =
      partnerId === null
        ? q.where('kind', '=', 'joint')
        : q.where((eb) =>
            eb.or([
              eb('kind', '=', 'joint'),
              eb.and([eb('kind', '=', 'individual'), eb('partner_id', '=', partnerId)]),
            ]),
          );
    const row = await q.orderBy('scheduled_at').limit(1).executeTakeFirst();
    if (!row || row.scheduled_at === null) return null;
    return { at: new Date(Number(row.scheduled_at)).toISOString(), minutes: row.duration_minutes, kind: row.kind };
  }
}
