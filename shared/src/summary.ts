/**
 * A partner's version of the session summary (issue 13): what the therapist releases to the couple or to one
 * partner after a session. The server assembles `PartnerSummary` from an allow-list (the map at the end, the
 * exercises run, the agreed task, the next session's time, the therapist's own words) and freezes it on release;
 * nothing else of the record, the progress note, the psychotherapy notes or anyone's private space is ever in it.
 * `PartnerSummary` is plain data: the partner's page and a PDF are both drawn from it.
 */
import type { Language, PartnerSlot, SessionKind } from './domain.js';
import type { CycleNodeKind, MapSide } from './map.js';

export const SUMMARY_VERSION = 1;

export const SUMMARY_LIMITS = {
  /** The therapist's own words to the couple or partner. */
  messageChars: 4000,
} as const;

/** Who a summary is for: both partners of the couple, or one partner. */
export type SummaryAudience = { kind: 'couple' } | { kind: 'partner'; partnerId: string; name: string };

/** The audience in a URL: `couple` or a partner's id. */
export type SummaryAudienceKey = 'couple' | (string & {});

export const SUMMARY_STATUSES = ['new', 'draft', 'released'] as const;
/** `new`: nothing stored yet (a preview of the defaults); `draft`: editable; `released`: frozen, shown to partners. */
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

export const SUMMARY_SECTIONS = ['map', 'exercises', 'task', 'nextSession'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

/** What the therapist chooses: which allow-listed parts go in, their own words, and the language of the labels. */
export interface SummaryDraftBody {
  include: Record<SummarySection, boolean>;
  message: string;
  language: Language;
}

export interface SummaryCard {
  id: string;
  kind: CycleNodeKind;
  side: MapSide;
  label: string;
  x: number;
  y: number;
}

export interface SummaryExercise {
  name: string;
  roles: { roleName: string; partnerName: string }[];
  stepsReached: number;
  stepCount: number;
  completed: boolean;
}

/** The summary itself, exactly as a partner receives it (and as a PDF would print it). */
export interface PartnerSummary {
  version: typeof SUMMARY_VERSION;
  language: Language;
  audience: SummaryAudience;
  coupleName: string;
  therapistName: string;
  session: {
    id: string;
    title: string;
    kind: SessionKind;
    /** When it took place (started), else when it was scheduled; null when neither is known. */
    date: string | null;
  };
  /** The couple's partners, for the map's lane headings. */
  partners: { slot: PartnerSlot; name: string }[];
  /** The map as it stood at the end of the session (the picture: cards and arrows); null when left out. */
  map: { nodes: SummaryCard[]; edges: { id: string; source: string; target: string }[] } | null;
  /** Exercises run (scripts), empty when none or left out. */
  exercises: SummaryExercise[];
  /** The task agreed, from the progress note's task field; null when none or left out. */
  task: string | null;
  /** The next session this audience is part of; null when none is scheduled or left out. */
  nextSession: { at: string; minutes: number; kind: SessionKind } | null;
  /** The therapist's own words; null when empty. */
  message: string | null;
}

/** The therapist's view of one summary: its state, the choices, and the exact content a release would send. */
export interface PartnerSummaryDto {
  /** Null while nothing is stored (`new`). */
  id: string | null;
  sessionId: string;
  audience: SummaryAudience;
  status: SummaryStatus;
  options: SummaryDraftBody;
  /** For a draft: assembled now from the sources (the preview); for a released one: what was released. */
  content: PartnerSummary;
  /** SHA-256 of `content`; a release names the hash it reviewed and is refused when the content has changed. */
  contentHash: string;
  updatedAt: string | null;
  released: { at: string; byName: string } | null;
  /** The last time a release was withdrawn. */
  withdrawnAt: string | null;
}

/** GET /api/sessions/:id/summaries: whom a summary can be prepared for, and each one's state. */
export interface PartnerSummariesStateDto {
  sessionId: string;
  audiences: {
    key: SummaryAudienceKey;
    audience: SummaryAudience;
    slot: PartnerSlot | null;
    /** False when this audience cannot have one (an individual session is its partner's alone). */
    available: boolean;
    status: SummaryStatus;
    releasedAt: string | null;
  }[];
}

export interface ReleaseSummaryBody {
  contentHash: string;
}

/** One released summary in a partner's list. */
export interface ReleasedSummaryItemDto {
  id: string;
  sessionTitle: string;
  sessionDate: string | null;
  releasedAt: string;
  /** For this partner alone (else for the couple). */
  personal: boolean;
}

/** A released summary, as its partner opens it. */
export interface ReleasedSummaryDto {
  id: string;
  releasedAt: string;
  content: PartnerSummary;
}
