/**
 * The export a clinician (or the owner) makes of one partner: everything Tandem holds about them, as a .zip of
 * JSON files with a README and manifest, plus the same content as a PDF. The sections are `PARTNER_SECTIONS` (the
 * partner's own export, reused) and `CLINICIAN_EXPORT_SECTIONS` (audience.ts says what is in and what is left out
 * and why); every read below is narrowed to this partner's id, except the couple's shared map.
 */
import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { strToU8, zipSync } from 'fflate';
import { docName, ErrorCode } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { PartnersStore } from '../couples/partners.store.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import { CLINICIAN_EXPORT_SECTIONS, PARTNER_SECTIONS, type ClinicianExportSection } from '../exports/audience.js';
import { MAX_ROWS, type PartnerExportService } from '../exports/partnerExport.js';
import { exportPdf } from './exportPdf.js';
import { exportReadme } from './exportStrings.js';

type WithDoc = <T>(name: string, fn: (doc: Y.Doc) => T) => Promise<T>;

/** A map-shaped doc (the couple's map, a partner's board): its cards and links as plain JSON. */
const mapJson = (doc: Y.Doc) => ({ nodes: doc.getMap('nodes').toJSON(), edges: doc.getMap('edges').toJSON() });
const iso = (ms: number | null | undefined) => toIso(ms === null || ms === undefined ? null : Number(ms));

export interface PartnerArchive {
  zip: Uint8Array;
  fileName: string;
}

export class ClinicianExportService {
  private readonly partners: PartnersStore;
  private readonly participants: ParticipantsStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly partnerExport: PartnerExportService,
    private readonly withDoc: WithDoc,
  ) {
    this.partners = new PartnersStore(ctx.db);
    this.participants = new ParticipantsStore(ctx.db);
  }

  async archive(actorId: string, coupleId: string, partnerId: string): Promise<PartnerArchive> {
    const couple = await this.ctx.db
      .selectFrom('couples')
      .select(['id', 'therapist_id'])
      .where('id', '=', coupleId)
      .executeTakeFirst();
    const partner = (await this.partners.ofCouple(coupleId)).find((p) => p.id === partnerId);
    if (!couple || !partner) throw new AppError(ErrorCode.NOT_FOUND, 'No such partner in this couple.');
    const subject = { partnerId, coupleId, therapistId: couple.therapist_id };
    const now = this.ctx.clock.now();
    const sections: Record<string, unknown> = {
      ...(await this.partnerExport.sections(subject, 'clinician')),
      ...(await this.extra(coupleId, partnerId)),
    };
    const files: Record<string, Uint8Array> = {};
    for (const [name, value] of Object.entries(sections)) {
      files[`data/${name}.json`] = strToU8(JSON.stringify(value, null, 2));
    }
    const lang = partner.language;
    files['tandem-data.pdf'] = await exportPdf(lang, partner.display_name, sections, now);
    const described: Record<string, string> = { ...PARTNER_SECTIONS, ...CLINICIAN_EXPORT_SECTIONS };
    const manifest = {
      format: 'tandem-client-export',
      version: 1,
      exportedAt: toIso(now),
      subject: { kind: 'partner', partnerId, coupleId },
      files: Object.entries(files).map(([path, bytes]) => ({
        path,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        holds: described[path.replace(/^data\/|\.json$/g, '')] ?? 'the same data as a PDF',
      })),
    };
    files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
    files['README.txt'] = strToU8(
      exportReadme(lang, partner.display_name, new Date(now).toISOString().slice(0, 10), manifest.files),
    );
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId,
      action: 'partner.export_by_clinician',
      targetId: partnerId,
    });
    const day = new Date(now).toISOString().slice(0, 10);
    return { zip: zipSync(files, { level: 6, mtime: new Date(now) }), fileName: `tandem-partner-data-${day}.zip` };
  }

  private async extra(coupleId: string, partnerId: string): Promise<Record<ClinicianExportSection, unknown>> {
    const db = this.ctx.db;
    const taken = await this.participants.ofPartner(partnerId);
    const admission = new Map(taken.map((t) => [t.session_id, t.admission]));
    const sessionRows = admission.size
      ? await db
          .selectFrom('sessions')
          .select(['id', 'title', 'kind', 'status', 'scheduled_at', 'started_at', 'ended_at'])
          .where('couple_id', '=', coupleId)
          .where('id', 'in', [...admission.keys()])
          .orderBy('created_at')
          .execute()
      : [];
    const events = admission.size
      ? await db
          .selectFrom('session_events')
          .select(['session_id', 'kind', 'at'])
          .where('person_role', '=', 'partner')
          .where('person_id', '=', partnerId)
          .where('session_id', 'in', [...admission.keys()])
          .orderBy('seq')
          .limit(MAX_ROWS)
          .execute()
      : [];
    return {
      sessions: sessionRows.map((s) => ({
        id: s.id,
        title: s.title,
        kind: s.kind,
        status: s.status,
        scheduledAt: iso(s.scheduled_at),
        startedAt: iso(s.started_at),
        endedAt: iso(s.ended_at),
        admission: admission.get(s.id),
        events: events.filter((e) => e.session_id === s.id).map((e) => ({ kind: e.kind, at: iso(e.at) })),
      })),
      drafts: {
        cards: (
          await db
            .selectFrom('draft_cards')
            .select(['kind', 'text', 'created_at', 'updated_at', 'revealed_at'])
            .where('partner_id', '=', partnerId)
            .orderBy('created_at')
            .limit(MAX_ROWS)
            .execute()
        ).map((c) => ({
          kind: c.kind,
          text: c.text,
          createdAt: iso(c.created_at),
          updatedAt: iso(c.updated_at),
          revealedAt: iso(c.revealed_at),
        })),
        reveals: (
          await db
            .selectFrom('draft_reveals')
            .select(['status', 'requested_at', 'answered_at'])
            .where('partner_id', '=', partnerId)
            .limit(MAX_ROWS)
            .execute()
        ).map((r) => ({ status: r.status, requestedAt: iso(r.requested_at), answeredAt: iso(r.answered_at) })),
      },
      screening: (
        await db
          .selectFrom('screenings')
          .select(['instrument_id', 'instrument_version', 'sent_at', 'answered_at', 'answers'])
          .where('partner_id', '=', partnerId)
          .orderBy('sent_at')
          .limit(MAX_ROWS)
          .execute()
      ).map((r) => ({
        instrument: `${r.instrument_id}@${r.instrument_version}`,
        sentAt: iso(r.sent_at),
        answeredAt: iso(r.answered_at),
        answers: r.answers === null ? null : (JSON.parse(r.answers) as unknown),
      })),
      intake:
        (await db
          .selectFrom('partner_intakes')
          .select([
            'contact_name',
            'contact_phone',
            'contact_relation',
            'address',
            'country',
            'consent_version',
            'consent_at',
          ])
          .where('partner_id', '=', partnerId)
          .executeTakeFirst()) ?? null,
      locations: await db
        .selectFrom('session_locations')
        .select(['session_id', 'usual', 'address', 'country', 'confirmed_at'])
        .where('partner_id', '=', partnerId)
        .limit(MAX_ROWS)
        .execute(),
      stopSignals: (
        await db
          .selectFrom('stop_signals')
          .select(['id', 'session_id', 'at'])
          .where('partner_id', '=', partnerId)
          .limit(MAX_ROWS)
          .execute()
      ).map((s) => ({ id: s.id, sessionId: s.session_id, at: iso(s.at) })),
      board: await this.withDoc(docName({ kind: 'board', id: partnerId }), mapJson),
      map: await this.withDoc(docName({ kind: 'map', id: coupleId }), mapJson),
    };
  }
}
