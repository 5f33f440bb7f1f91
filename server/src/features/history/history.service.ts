/**
 * The couple's history, therapist-only: every session (newest first) with the map kept when it ended, and two
 * sessions' maps compared. Read from what is stored (sessions, the kept map copies); nothing is kept here.
 */
import { type CoupleHistoryDto, type HistoryMapDto, type HistorySessionDto, type MapCompareDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { badRequest, notFound } from '../../lib/errors.js';
import type { CouplesService } from '../couples/couples.service.js';
import type { MapService } from '../map/map.service.js';
import { mapChanges, mapContent } from '../record/mapChanges.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(Number(ms)));

export class HistoryService {
  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
    private readonly map: MapService,
  ) {}

  /** The couple's sessions, newest first, each with whether (and which) map was kept when it ended. */
  async history(therapistId: string, coupleId: string): Promise<CoupleHistoryDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const [rows, kept] = await Promise.all([
      this.ctx.db.selectFrom('sessions').selectAll().where('couple_id', '=', coupleId).execute(),
      this.map.keptBySession(coupleId),
    ]);
    const nameOf = (id: string | null) => couple.partners.find((p) => p.id === id)?.displayName ?? null;
    const sessions: HistorySessionDto[] = rows
      .map((r) => {
        const at = Number(r.started_at ?? r.scheduled_at ?? r.created_at);
        const map = kept.get(r.id);
        return {
          id: r.id,
          title: r.title,
          kind: r.kind,
          status: r.status,
          partnerName: r.kind === 'individual' ? nameOf(r.partner_id) : null,
          at: iso(at),
          startedAt: isoOrNull(r.started_at),
          endedAt: isoOrNull(r.ended_at),
          map: map ? { docName: map.docName, keptAt: iso(map.keptAt) } : null,
        };
      })
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id));
    return {
      coupleId,
      coupleName: couple.name,
      partners: couple.partners.map((p) => ({ slot: p.slot, name: p.displayName })),
      sessions,
    };
  }

  /**
   * What changed from one session's kept map to another's (the order given: `from` is the "before"). Both must be
   * this couple's sessions with a kept map of the same board; anything else is NOT_FOUND or BAD_REQUEST.
   */
  async compare(therapistId: string, coupleId: string, fromId: string, toId: string): Promise<MapCompareDto> {
    if (fromId === toId) throw badRequest('to: choose two different sessions');
    const history = await this.history(therapistId, coupleId);
    const kept = await this.map.keptBySession(coupleId);
    const side = async (sessionId: string): Promise<HistoryMapDto & { docName: string }> => {
      const session = history.sessions.find((s) => s.id === sessionId);
      const copy = kept.get(sessionId);
      if (!session || !copy) throw notFound('No map was kept for that session.');
      const content = mapContent(await this.map.keptState(copy.id));
      return {
        sessionId,
        title: session.title,
        at: session.at,
        keptAt: iso(copy.keptAt),
        docName: copy.docName,
        nodes: content.nodes,
        edges: content.edges,
      };
    };
    const [from, to] = await Promise.all([side(fromId), side(toId)]);
    if (from.docName !== to.docName) {
      throw badRequest('to: these sessions worked on different boards (the couple’s map and a partner’s own)');
    }
    const strip = ({ docName: _doc, ...rest }: HistoryMapDto & { docName: string }): HistoryMapDto => rest;
    return { from: strip(from), to: strip(to), ...mapChanges(from, to) };
  }
}
