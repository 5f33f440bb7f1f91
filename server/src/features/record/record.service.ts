/**
 * The session record (issue 13): one page of what happened in a session, built on request from what is stored
 * (sessions, the lobby's enter/leave events, breakouts, pauses, the audit log's quick exits, stop signals, script
 * runs, map snapshots). Nothing is typed twice and nothing here is kept: the record is always rebuilt from its sources.
 * Therapist-only: the caller has checked the session is theirs.
 */
import {
  PAUSE_RETURN_GRACE_MS,
  contentFor,
  type RecordPerson,
  type RecordSessionLink,
  type SessionRecordDto,
  sessionHeld,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { SessionsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { PartnersStore } from '../couples/partners.store.js';
import type { MapService } from '../map/map.service.js';
import { workspaceDocOf } from '../map/workspace.js';
import type { ScriptsService } from '../scripts/scripts.service.js';
import { SessionEventsStore } from '../sessions/events.store.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import type { TimersService } from '../timers/timers.service.js';
import type { MeasuresService } from '../measures/measures.service.js';
import { SafetyStore } from '../safety/safety.store.js';
import { deviceAttendance, inRoomBetween, spansLength, unionLength, type Span } from './attendance.js';
import { mapChanges, mapContent } from './mapChanges.js';

const iso = (ms: number) => new Date(ms).toISOString();

export class RecordService {
  private readonly events: SessionEventsStore;
  private readonly partners: PartnersStore;
  private readonly participants: ParticipantsStore;
  private readonly safety: SafetyStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly map: MapService,
    private readonly timers: TimersService,
    private readonly scripts: ScriptsService,
    private readonly measures: MeasuresService,
  ) {
    this.events = new SessionEventsStore(ctx.db);
    this.partners = new PartnersStore(ctx.db);
    this.participants = new ParticipantsStore(ctx.db);
    this.safety = new SafetyStore(ctx.db);
  }

  async build(session: SessionsTable): Promise<SessionRecordDto> {
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    const start = session.started_at === null ? null : Number(session.started_at);
    const end = session.ended_at === null ? now : Number(session.ended_at);
    // Every source is read at once (independent queries; on PostgreSQL they overlap on the pool).
    const [
      couple,
      partners,
      therapist,
      events,
      sessionPartners,
      breakoutRows,
      pauseRows,
      exits,
      runs,
      map,
      links,
      measures,
      signals,
    ] = await Promise.all([
      db.selectFrom('couples').select('name').where('id', '=', session.couple_id).executeTakeFirst(),
      this.partners.ofCouple(session.couple_id),
      db.selectFrom('therapists').select(['id', 'name']).where('id', '=', session.therapist_id).executeTakeFirst(),
      this.events.list(session.id),
      this.participants.withPartners(session.id),
      db.selectFrom('breakouts').selectAll().where('session_id', '=', session.id).orderBy('started_at').execute(),
      // An open pause is closed at the session's end first.
      this.timers
        .history(session.id)
        .then(() =>
          db.selectFrom('pauses').selectAll().where('session_id', '=', session.id).orderBy('started_at').execute(),
        ),
      // Quick exits, from the audit log (where the lobby records each one).
      db
        .selectFrom('audit_log')
        .select(['actor_id', 'at'])
        .where('session_id', '=', session.id)
        .where('action', '=', 'partner.quick_exit')
        .orderBy('at')
        .execute(),
      this.scripts.runs(session.id),
      this.mapOf(session),
      this.neighbours(session),
      // The check-in and check-out: each partner's answers, with the instrument versions they answered.
      this.measures.ofSession(session.therapist_id, session.id),
      // The covert stop signals: when, who, and when the therapist dismissed them.
      this.safety.ofSession(session.id),
    ]);
    const nameOf = (id: string) => partners.find((p) => p.id === id)?.display_name ?? '';

    // Attendance per device, from the lobby's events.
    const devices = deviceAttendance(
      events.map((e) => ({
        at: Number(e.at),
        kind: e.kind,
        role: e.person_role,
        personId: e.person_id,
        deviceId: e.device_id,
      })),
      end,
    );
    const person = (id: string, role: 'therapist' | 'partner', name: string, slot: 'a' | 'b' | null): RecordPerson => {
      const own = devices.filter((d) => d.personId === id && d.role === role);
      const spans = own.flatMap((d) => d.spans);
      return {
        id,
        role,
        name,
        slot,
        attended: spans.length > 0,
        firstIn: spans.length ? iso(Math.min(...spans.map((s) => s.from))) : null,
        lastOut: spans.length ? iso(Math.max(...spans.map((s) => s.to))) : null,
        inRoomMs: unionLength(spans),
        devices: own.map((d) => ({
          deviceId: d.deviceId,
          intervals: d.spans.map((s) => ({ from: iso(s.from), to: iso(s.to) })),
          inRoomMs: spansLength(d.spans),
          drops: d.drops,
          rejoins: d.rejoins,
        })),
      };
    };
    const people: RecordPerson[] = [
      person(session.therapist_id, 'therapist', therapist?.name ?? '', null),
      ...sessionPartners.map((p) => person(p.partner_id, 'partner', p.display_name, p.slot)),
    ];
    const spansOf = (partnerId: string): Span[] =>
      devices.filter((d) => d.role === 'partner' && d.personId === partnerId).flatMap((d) => d.spans);

    // Breakouts: a partner taken aside with the therapist.
    const breakouts = breakoutRows.map((b) => {
      const from = Number(b.started_at);
      const to = Math.min(b.ended_at === null ? end : Number(b.ended_at), Math.max(end, from));
      return {
        partnerId: b.partner_id,
        partnerName: nameOf(b.partner_id),
        startedAt: iso(from),
        endedAt: iso(to),
        durationMs: Math.max(0, to - from),
      };
    });

    // Pauses (an open one is closed at the session's end first), who called them unless hidden, and who came back.
    const pauses = pauseRows.map((p) => {
      const from = Number(p.started_at);
      const to = p.ended_at === null ? end : Number(p.ended_at);
      const present = sessionPartners.filter((sp) => inRoomBetween(spansOf(sp.partner_id), from, from));
      const sessionEndedDuring = p.end_reason === 'session-ended' || to >= end;
      return {
        startedAt: iso(from),
        endedAt: iso(to),
        durationMs: Math.max(0, to - from),
        plannedMs: Number(p.duration_ms),
        calledBy: p.show_caller === 1 ? { id: p.called_by_id, role: p.called_by_role, name: p.called_by_name } : null,
        endReason: p.end_reason ?? 'expired',
        everyoneBack: sessionEndedDuring
          ? null
          : present.every((sp) => inRoomBetween(spansOf(sp.partner_id), to, Math.min(end, to + PAUSE_RETURN_GRACE_MS))),
      };
    });

    const quickExits = exits.map((x) => ({
      partnerId: x.actor_id ?? '',
      partnerName: nameOf(x.actor_id ?? ''),
      at: iso(Number(x.at)),
    }));

    const stopSignals = signals.map((x) => ({
      partnerId: x.partnerId,
      partnerName: nameOf(x.partnerId),
      at: iso(x.at),
      dismissedAt: x.dismissedAt === null ? null : iso(x.dismissedAt),
    }));

    // Scripts run: which, who held which role, how far they got.
    const scripts = runs.map((r) => {
      const content = contentFor(r.contents, r.language, r.language);
      const stepCount = content?.steps.length ?? 0;
      const reached = r.visits.length ? Math.max(...r.visits.map((v) => v.step)) + 1 : 0;
      return {
        scriptId: r.scriptId,
        name: content?.name ?? '',
        language: r.language,
        roles: Object.entries(r.assignments).map(([roleId, partnerId]) => ({
          roleId,
          roleName: content?.roles.find((x) => x.id === roleId)?.name ?? roleId,
          partnerId,
          partnerName: nameOf(partnerId),
        })),
        stepCount,
        stepsReached: Math.min(reached, stepCount),
        lastStepTitle: reached > 0 ? (content?.steps[reached - 1]?.title ?? null) : null,
        completed: stepCount > 0 && reached >= stepCount,
        startedAt: iso(r.startedAt),
        endedAt: r.endedAt === null ? null : iso(r.endedAt),
      };
    });

    return {
      session: {
        id: session.id,
        coupleId: session.couple_id,
        coupleName: couple?.name ?? '',
        title: session.title,
        kind: session.kind,
        status: session.status,
        scheduledAt: toIso(session.scheduled_at),
        scheduledMinutes: session.duration_minutes,
        startedAt: toIso(session.started_at),
        endedAt: toIso(session.ended_at),
        durationMs: start === null ? null : Math.max(0, end - start),
      },
      people,
      breakouts,
      pauses,
      quickExits,
      stopSignals,
      scripts,
      map,
      measures,
      ...links,
      builtAt: iso(now),
    };
  }

  /** The map at the session's end (its kept snapshot), or now while live; compared with the previous kept one. */
  async mapOf(session: SessionsTable): Promise<SessionRecordDto['map']> {
    if (!sessionHeld(session.status)) return null;
    const docName = workspaceDocOf(session);
    const own = await this.ctx.db
      .selectFrom('map_snapshots')
      .select(['state', 'created_at'])
      .where('session_id', '=', session.id)
      .where('doc_name', '=', docName)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const state = own ? new Uint8Array(own.state) : await this.map.currentState(docName);
    const before = await this.ctx.db
      .selectFrom('map_snapshots')
      .select('state')
      .where('doc_name', '=', docName)
      .where('session_id', '!=', session.id)
      .where('created_at', '<', own ? Number(own.created_at) : this.ctx.clock.now())
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const after = mapContent(state);
    const base = mapContent(before ? new Uint8Array(before.state) : null);
    return {
      docName,
      nodes: after.nodes,
      edges: after.edges,
      baseline: before ? 'previous-session' : 'empty',
      ...mapChanges(base, after),
    };
  }

  /** The couple's sessions just before and after this one (scheduled time, else creation time). */
  private async neighbours(session: SessionsTable): Promise<Pick<SessionRecordDto, 'previous' | 'next'>> {
    const rows = await this.ctx.db
      .selectFrom('sessions')
      .select(['id', 'title', 'status', 'scheduled_at', 'created_at'])
      .where('couple_id', '=', session.couple_id)
      // A cancelled session never took place: it is no one's neighbour.
      .where((eb) => eb.or([eb('status', '!=', 'cancelled'), eb('id', '=', session.id)]))
      .execute();
    const at = (r: { scheduled_at: number | null; created_at: number }) => Number(r.scheduled_at ?? r.created_at);
    const sorted = rows.sort((a, b) => at(a) - at(b) || Number(a.created_at) - Number(b.created_at));
    const i = sorted.findIndex((r) => r.id === session.id);
    const link = (r: (typeof rows)[number] | undefined): RecordSessionLink | null =>
      r ? { id: r.id, title: r.title, status: r.status, at: iso(at(r)) } : null;
    return { previous: link(sorted[i - 1]), next: link(sorted[i + 1]) };
  }
}
