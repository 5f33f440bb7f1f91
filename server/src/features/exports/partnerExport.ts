/**
 * A partner's own data as one JSON file (`GET /api/me/export`). Built section by section from `PARTNER_SECTIONS`
 * (audience.ts): every read is narrowed to the partner id from the case cookie; the result has exactly those
 * sections, so a section for another audience cannot be added without changing the one place that decides.
 */
import * as Y from 'yjs';
import { docName, type PartnerExportDto, type PartnerExportSection } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import type { CasePrincipal } from '../between/caseLinks.service.js';
import { BetweenStore } from '../between/between.store.js';
import { PartnersStore } from '../couples/partners.store.js';
import { responseDto } from '../measures/measures.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import type { SummariesService } from '../summaries/summaries.service.js';

/** Whose data: a partner, in their couple, with their therapist (the case's). */
export type ExportSubject = Pick<CasePrincipal, 'partnerId' | 'coupleId' | 'therapistId'>;

/** How many rows of one kind an export carries at most (newest first). */
export const MAX_ROWS = 1000;

/** The text of a panel doc: its notes and every text field of its preparation map. */
export function panelText(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = { notes: doc.getText('notes').toString() };
  for (const [key, value] of doc.getMap('prep').entries()) {
    if (value instanceof Y.Text) out[`prep.${key}`] = value.toString();
  }
  return out;
}

export class PartnerExportService {
  private readonly between: BetweenStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly policy: PolicyService,
    private readonly summaries: SummariesService,
    private readonly withDoc: <T>(name: string, fn: (doc: Y.Doc) => T) => Promise<T>,
  ) {
    this.between = new BetweenStore(ctx.db);
  }

  async build(p: CasePrincipal): Promise<PartnerExportDto> {
    const now = this.ctx.clock.now();
    const sections = await this.sections(p, 'partner');
    await this.ctx.audit.record({ actorType: 'partner', actorId: p.partnerId, action: 'partner.export' });
    return {
      format: 'tandem-partner-export',
      version: 1,
      exportedAt: toIso(now) ?? '',
      audience: { kind: 'partner', partnerId: p.partnerId },
      sections,
    };
  }

  /**
   * Every `PARTNER_SECTIONS` entry for one partner. `by`: who reads (the partner's own reads of their summaries are
   * audited as views; a clinician's export is audited once, by its route).
   */
  async sections(p: ExportSubject, by: 'partner' | 'clinician'): Promise<Record<PartnerExportSection, unknown>> {
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    const builders: Record<PartnerExportSection, () => Promise<unknown>> = {
      profile: async () => new PartnersStore(db).profile(p.partnerId),
      policy: async () => this.policy.mine(p),
      homework: async () => this.between.tasks(p.coupleId, now, { partnerId: p.partnerId, limit: MAX_ROWS }),
      measures: async () =>
        (
          await db
            .selectFrom('measure_responses')
            .selectAll()
            .where('partner_id', '=', p.partnerId)
            .where('couple_id', '=', p.coupleId)
            .orderBy('answered_at', 'desc')
            .limit(MAX_ROWS)
            .execute()
        ).map(responseDto),
      conflicts: async () => this.between.conflicts(p.coupleId, p.partnerId),
      summaries: async () => {
        const items = await this.summaries.releasedFor(p);
        const out = [];
        for (const item of items) {
          out.push(await this.summaries.releasedOne(p, item.id, by === 'partner' ? 'partner_summary.view' : null));
        }
        return out;
      },
      panel: async () => this.withDoc(docName({ kind: 'panel', id: p.partnerId }), panelText),
      chat: async () =>
        (
          await db
            .selectFrom('chat_messages')
            .select(['author', 'text', 'created_at', 'session_id'])
            .where('partner_id', '=', p.partnerId)
            .where('couple_id', '=', p.coupleId)
            .orderBy('created_at')
            .limit(MAX_ROWS)
            .execute()
        ).map((m) => ({ author: m.author, text: m.text, at: toIso(Number(m.created_at)), sessionId: m.session_id })),
    };
    const sections = {} as Record<PartnerExportSection, unknown>;
    for (const [name, build] of Object.entries(builders) as [PartnerExportSection, () => Promise<unknown>][]) {
      sections[name] = await build();
    }
    return sections;
  }
}
