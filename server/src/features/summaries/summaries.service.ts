/**
 * A partner's version of the session summary (issue 13): draft -> released (frozen, with time and who) -> back to
 * draft when withdrawn. The therapist's reads show the exact content a release would send (assembled from the
 * allow-list, see summaryContent.ts) with its hash; a release names that hash and is refused when the content
 * has changed since (a map edit, a rescheduled session, another tab's edit), so what was reviewed is what is
 * released. Partners read only released rows of their own audience, through released_content.
 */
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  type Language,
  type PartnerSummariesStateDto,
  type PartnerSummary,
  type PartnerSummaryDto,
  type ReleasedSummaryDto,
  type ReleasedSummaryItemDto,
  type SummaryDraftBody,
  sessionHeld,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { recordMove } from '../policy/policy.store.js';
import type { PartnerSummariesTable, SessionsTable } from '../../db/schema.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import { toIso } from '../../lib/clock.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import { contentHash, isEmpty, type ResolvedAudience, type SummaryContent } from './summaryContent.js';

const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
const iso = (ms: number) => new Date(ms).toISOString();
/** How many released summaries a partner's list shows (newest first). */
const PARTNER_LIST_MAX = 50;
/** Who reads released summaries: a partner, through a session's link or their case link. */
export type SummaryReader = Pick<PartnerPrincipal, 'coupleId' | 'therapistId' | 'partnerId'>;

export class SummariesService {
  private readonly participants: ParticipantsStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly content: SummaryContent,
  ) {
    this.participants = new ParticipantsStore(ctx.db);
  }

  /** Whom a summary can be prepared for, and each one's state. */
  async state(session: SessionsTable): Promise<PartnerSummariesStateDto> {
    const [people, rows] = await Promise.all([
      this.participants.withPartners(session.id),
      this.ctx.db.selectFrom('partner_summaries').selectAll().where('session_id', '=', session.id).execute(),
    ]);
    const entry = (key: string, audience: ResolvedAudience['audience'], slot: 'a' | 'b' | null, available: boolean) => {
      const row = rows.find((r) => r.audience === key);
      return {
        key,
        audience,
        slot,
        available,
        status: row?.status ?? ('new' as const),
        releasedAt: row?.released_at == null ? null : iso(Number(row.released_at)),
      };
    };
    return {
      sessionId: session.id,
      audiences: [
        entry('couple', { kind: 'couple' }, null, session.kind === 'joint'),
        ...people.map((p) =>
          entry(p.partner_id, { kind: 'partner', partnerId: p.partner_id, name: p.display_name }, p.slot, true),
        ),
      ],
    };
  }

  async get(session: SessionsTable, key: string): Promise<PartnerSummaryDto> {
    const who = await this.resolve(session, key);
    return this.toDto(session, who, await this.row(session.id, who.key));
  }

  /** Creates or changes the draft; a released summary must be withdrawn first. */
  async save(
    session: SessionsTable,
    key: string,
    therapistId: string,
    body: SummaryDraftBody,
  ): Promise<PartnerSummaryDto> {
    const who = await this.resolve(session, key);
    if (!sessionHeld(session.status)) throw conflict('This session has not taken place yet.');
    const now = this.ctx.clock.now();
    const options = JSON.stringify(body);
    // Insert if none (a concurrent first save lands once: the unique key), else change the draft only.
    const inserted = await this.ctx.db
      .insertInto('partner_summaries')
      .values({
        id: randomUUID(),
        session_id: session.id,
        couple_id: session.couple_id,
        therapist_id: session.therapist_id,
        audience: who.key,
        partner_id: who.partnerId,
        status: 'draft',
        options,
        released_content: null,
        released_hash: null,
        released_at: null,
        released_by: null,
        released_by_name: null,
        withdrawn_at: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['session_id', 'audience']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const res = await this.ctx.db
        .updateTable('partner_summaries')
        .set({ options, updated_at: now })
        .where('session_id', '=', session.id)
        .where('audience', '=', who.key)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n) throw conflict('This summary is released; withdraw it to change it.');
    }
    const row = await this.row(session.id, who.key);
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'partner_summary.save',
      sessionId: session.id,
      targetId: row?.id ?? null,
    });
    return this.toDto(session, who, row);
  }

  /** Releases the stored draft exactly as reviewed: `reviewedHash` must be the hash of what it would send now. */
  async release(
    session: SessionsTable,
    key: string,
    therapist: { id: string; name: string },
    reviewedHash: string,
  ): Promise<PartnerSummaryDto> {
    const who = await this.resolve(session, key);
    const row = await this.row(session.id, who.key);
    if (!row) throw conflict('Save the draft before releasing it.');
    if (row.status === 'released') throw conflict('This summary is already released.');
    const content = await this.content.assemble(session, who, JSON.parse(row.options) as SummaryDraftBody);
    if (isEmpty(content)) throw badRequest('summary: include something, or write a message, before releasing');
    const hash = contentHash(content);
    if (hash !== reviewedHash) {
      throw conflict('The summary changed since you reviewed it. Review it again, then release it.');
    }
    const now = this.ctx.clock.now();
    const res = await this.ctx.db
      .updateTable('partner_summaries')
      .set({
        status: 'released',
        released_content: JSON.stringify(content),
        released_hash: hash,
        released_at: now,
        released_by: therapist.id,
        released_by_name: therapist.name,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) {
      throw conflict('The summary changed since you reviewed it. Review it again, then release it.');
    }
    // A release moves the therapist's content to a partner (or both): logged under the current policy version.
    await recordMove(this.ctx.db, {
      coupleId: session.couple_id,
      kind: 'summary_release',
      itemId: row.id,
      by: { type: 'therapist', id: therapist.id },
      sessionId: session.id,
      at: now,
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapist.id,
      action: 'partner_summary.release',
      sessionId: session.id,
      targetId: row.id,
    });
    return this.toDto(session, who, await this.row(session.id, who.key));
  }

  /** Takes a release back: partners no longer see it, and it is a draft again. */
  async withdraw(session: SessionsTable, key: string, therapistId: string): Promise<PartnerSummaryDto> {
    const who = await this.resolve(session, key);
    const row = await this.row(session.id, who.key);
    const now = this.ctx.clock.now();
    const res = row
      ? await this.ctx.db
          .updateTable('partner_summaries')
          .set({
            status: 'draft',
            released_content: null,
            released_hash: null,
            released_at: null,
            released_by: null,
            released_by_name: null,
            withdrawn_at: now,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .where('status', '=', 'released')
          .executeTakeFirst()
      : null;
    if (!row || !res || res.numUpdatedRows === 0n) throw conflict('This summary is not released.');
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'partner_summary.withdraw',
      sessionId: session.id,
      targetId: row.id,
    });
    return this.toDto(session, who, await this.row(session.id, who.key));
  }

  /**
   * The released version for one audience, as its partner receives it (the therapist's PDF). A draft, a withdrawn
   * one or none at all is CONFLICT: only what was reviewed and released is ever printed.
   */
  async releasedOf(session: SessionsTable, key: string, therapistId: string): Promise<ReleasedSummaryDto> {
    const who = await this.resolve(session, key);
    const row = await this.row(session.id, who.key);
    if (!row || row.status !== 'released' || row.released_content === null || row.released_at === null) {
      throw conflict('This summary is not released; only a released summary has a PDF.');
    }
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'partner_summary.pdf',
      sessionId: session.id,
      targetId: row.id,
    });
    return {
      id: row.id,
      releasedAt: iso(Number(row.released_at)),
      content: JSON.parse(row.released_content) as PartnerSummary,
    };
  }

  /** A partner's released summaries (for the couple, or for them alone), newest first. */
  async releasedFor(p: SummaryReader): Promise<ReleasedSummaryItemDto[]> {
    const rows = await this.partnerRows(p).orderBy('released_at', 'desc').limit(PARTNER_LIST_MAX).execute();
    return rows.map((r) => {
      const content = JSON.parse(r.released_content ?? 'null') as PartnerSummary;
      return {
        id: r.id,
        sessionTitle: content.session.title,
        sessionDate: content.session.date,
        releasedAt: iso(Number(r.released_at)),
        personal: r.partner_id !== null,
      };
    });
  }

  /**
   * One of them; another audience's, a withdrawn one or an unknown id are all NOT_FOUND. Audited as a view, or as
   * a PDF download.
   */
  async releasedOne(
    p: SummaryReader,
    id: string,
    action: 'partner_summary.view' | 'partner_summary.pdf' | null = 'partner_summary.view',
  ): Promise<ReleasedSummaryDto> {
    const row = await this.partnerRows(p).where('id', '=', id).executeTakeFirst();
    if (!row || row.released_content === null || row.released_at === null) throw notFound('No such summary.');
    // null: read for an export the clinician makes (audited there, as theirs).
    if (action)
      await this.ctx.audit.record({
        actorType: 'partner',
        actorId: p.partnerId,
        action,
        sessionId: row.session_id,
        targetId: row.id,
      });
    return {
      id: row.id,
      releasedAt: iso(Number(row.released_at)),
      content: JSON.parse(row.released_content) as PartnerSummary,
    };
  }

  private partnerRows(p: SummaryReader) {
    return this.ctx.db
      .selectFrom('partner_summaries')
      .select(['id', 'session_id', 'partner_id', 'released_content', 'released_at'])
      .where('couple_id', '=', p.coupleId)
      .where('therapist_id', '=', p.therapistId)
      .where('status', '=', 'released')
      .where((eb) => eb.or([eb('audience', '=', 'couple'), eb('partner_id', '=', p.partnerId)]));
  }

  /** `couple` (joint sessions only) or a partner taking part in the session (an individual session's own). */
  private async resolve(session: SessionsTable, key: string): Promise<ResolvedAudience> {
    const people = (await this.participants.withPartners(session.id)).map((p) => ({
      id: p.partner_id,
      display_name: p.display_name,
      language: p.language,
    }));
    if (key === 'couple') {
      if (session.kind !== 'joint') {
        throw badRequest('audience: an individual session’s summary can only be for its partner');
      }
      const languages = new Set(people.map((p) => p.language));
      const [only] = languages;
      return { key, audience: { kind: 'couple' }, partnerId: null, language: languages.size === 1 ? only! : null };
    }
    const p = people.find((x) => x.id === key);
    if (!p) throw notFound('No such partner in this session.');
    return {
      key,
      audience: { kind: 'partner', partnerId: p.id, name: p.display_name },
      partnerId: p.id,
      language: p.language,
    };
  }

  private row(sessionId: string, key: string): Promise<PartnerSummariesTable | undefined> {
    return this.ctx.db
      .selectFrom('partner_summaries')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('audience', '=', key)
      .executeTakeFirst();
  }

  private defaults(who: ResolvedAudience, fallback: Language): SummaryDraftBody {
    return {
      include: { map: true, exercises: true, task: true, nextSession: true },
      message: '',
      language: who.language ?? fallback,
    };
  }

  private async toDto(
    session: SessionsTable,
    who: ResolvedAudience,
    row: PartnerSummariesTable | undefined,
  ): Promise<PartnerSummaryDto> {
    const options = row ? (JSON.parse(row.options) as SummaryDraftBody) : this.defaults(who, 'en');
    const released = row?.status === 'released' && row.released_content !== null;
    const content = released
      ? (JSON.parse(row.released_content!) as PartnerSummary)
      : await this.content.assemble(session, who, options);
    return {
      id: row?.id ?? null,
      sessionId: session.id,
      audience: who.audience,
      status: row?.status ?? 'new',
      options,
      content,
      contentHash: released ? (row.released_hash ?? contentHash(content)) : contentHash(content),
      updatedAt: row ? iso(Number(row.updated_at)) : null,
      released:
        released && row.released_at !== null
          ? { at: iso(Number(row.released_at)), byName: row.released_by_name ?? '' }
          : null,
      withdrawnAt: toIso(row?.withdrawn_at == null ? null : Number(row.withdrawn_at)),
    };
  }
}
