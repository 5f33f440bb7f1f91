/**
 * Exports filtered by audience (issue 15): every file or download the server builds, the ONE audience it is built
 * for, and what that audience may receive. DESIGN.md's audiences: `room` (everyone admitted), `partner:<id>` (that
 * partner and the therapist), `therapist` (the therapist only). A route that builds an export names its entry here;
 * a partner's export is assembled only from `PARTNER_SECTIONS` below, each read narrowed to that partner's id
 * taken from their credential, so nothing of another audience can ride along.
 */
import type { PartnerExportSection } from '@tandem/shared';

export type ExportAudience = 'therapist' | 'partner' | 'room';

export interface ExportEntry {
  route: string;
  audience: ExportAudience;
  /** What it holds, and what keeps other audiences out. */
  holds: string;
}

/** The inventory of every export (grep routes for .pdf/.svg/.png/.csv and JSON downloads). */
export const EXPORTS = {
  sessionRecordPdf: {
    route: 'GET /api/sessions/:id/record.pdf',
    audience: 'therapist',
    holds: 'the session record and progress note; the owning therapist only (requireTherapistOnly + owner check)',
  },
  historyComparePdf: {
    route: 'GET /api/couples/:id/history/compare.pdf',
    audience: 'therapist',
    holds: "two versions of the couple's map (room content); the owning therapist only",
  },
  progressPdf: {
    route: 'GET /api/couples/:id/progress.pdf',
    audience: 'therapist',
    holds: "the plan, objectives and both partners' measures; the owning therapist only",
  },
  summaryPdfForTherapist: {
    route: 'GET /api/sessions/:id/summaries/:audience.pdf',
    audience: 'therapist',
    holds:
      "the released summary exactly as its audience got it (summaryContent.ts's allow-list), for the therapist's files",
  },
  summaryForPartner: {
    route: 'GET /api/join/:sessionId/summaries/:summaryId(.pdf) and /api/me/summaries/:summaryId(.pdf)',
    audience: 'partner',
    holds: "a released summary for the couple or for this partner alone; another partner's is NOT_FOUND",
  },
  partnerPages: {
    route: 'GET /api/me, /api/me/charts, /api/me/follow-up, /api/me/safety, /api/me/policy',
    audience: 'partner',
    holds: "the partner's own page data, each read narrowed to their id from the case cookie",
  },
  partnerExport: {
    route: 'GET /api/me/export',
    audience: 'partner',
    holds: "the partner's own data, PARTNER_SECTIONS only",
  },
  clinicianPartnerExport: {
    route: 'GET /api/couples/:id/partners/:partnerId/export.zip',
    audience: 'partner',
    holds:
      "everything Tandem holds about one partner, for the clinician or owner to give them (PARTNER_SECTIONS plus CLINICIAN_EXPORT_SECTIONS); nothing of the other partner's private data",
  },
  mapPicture: {
    route: '(client) map export as SVG/PNG, drawn from the map doc its viewer already receives',
    audience: 'room',
    holds: 'the couple map (room audience); no panel, presence or selection',
  },
} as const satisfies Record<string, ExportEntry>;

/**
 * What a partner may receive about themselves, and why. Left out on purpose: their safety screening, intake and
 * locations (therapist-only once given; a file on a shared device must not reveal a disclosure), stop signals,
 * the therapist's notes, progress notes and flags, and everything of the other partner.
 */
export const PARTNER_SECTIONS: Record<PartnerExportSection, string> = {
  profile: 'their name and language, the couple and therapist names',
  policy: 'the current confidentiality policy and their own acknowledgements',
  homework: "the couple's and their own tasks, with their own marks and reflections only",
  measures: 'their own ratings (weekly, check-in, check-out)',
  conflicts: 'their own conflict log',
  summaries: 'summaries released to the couple or to them alone',
  panel: 'their own private panel (notes, what they want heard)',
  chat: 'their private chat with the therapist',
};

/**
 * What the export a clinician (or the owner) makes for a partner adds to `PARTNER_SECTIONS`: it answers the
 * partner's request for their data and is handed over deliberately, so the partner's OWN safety answers are in it
 * (their screening answers, intake and session locations, the times they pressed the stop signal: they gave them).
 * Left out, as the clinician's record rather than the partner's data: the clinician's notes and progress notes,
 * screening scores, flags and risk items, safety protocol steps (they also involve the other partner), breakout
 * messages. Nothing of the other partner: every read is narrowed to this partner's id, except the couple's shared
 * map (room audience: both partners see it in joint sessions).
 */
export const CLINICIAN_EXPORT_SECTIONS = {
  sessions: 'the sessions they were part of (title, kind, times, their admission) and their own join/leave events',
  drafts: 'the drafts they wrote in drafting rounds (revealed or not) and their answers to reveal requests',
  screening: 'their own screening answers (no score, flag or risk items)',
  intake: 'their own intake (emergency contact, address, consent)',
  locations: 'where they said they were for each session',
  stopSignals: 'when they pressed the stop signal',
  board: 'their individual-session board (partner audience)',
  map: "the couple's shared map (room audience)",
} as const;

export type ClinicianExportSection = keyof typeof CLINICIAN_EXPORT_SECTIONS;
