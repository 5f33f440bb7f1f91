/**
 * After the session (issue 13): the session record, built by the server only from what is stored, and the
 * couples progress note (DAP, SOAP or BIRP adapted to couples). Therapist-only data: nothing here is ever sent
 * to a partner. A later PDF is drawn from a `SessionRecordDto` and a `ProgressNoteDto`.
 */
import type { MapEdgeData, MapNodeData } from './map.js';
import type { PartnerSlot, Role, SessionKind, SessionStatus, Language } from './domain.js';
import type { PauseEndReason } from './timers.js';
import type { MeasuresView } from './measures.js';

/** What the lobby writes into `session_events`. */
export const SESSION_EVENT_KINDS = ['enter', 'leave'] as const;
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number];

/** A pause counts as "everyone came back" when each partner in the room at its start is in it again by this long after it ends. */
export const PAUSE_RETURN_GRACE_MS = 2 * 60_000;

export interface RecordInterval {
  from: string;
  to: string;
}

/** One partner device (or the therapist's connection) in the room. */
export interface RecordDevice {
  /** The device's public id; null for the therapist. */
  deviceId: string | null;
  intervals: RecordInterval[];
  inRoomMs: number;
  /** Times it left the room before the session ended (a dropped link, a closed tab, a quick exit). */
  drops: number;
  /** Times it came back after leaving. */
  rejoins: number;
}

export interface RecordPerson {
  id: string;
  role: Role;
  name: string;
  slot: PartnerSlot | null;
  attended: boolean;
  firstIn: string | null;
  lastOut: string | null;
  /** Time in the room, overlapping devices counted once. */
  inRoomMs: number;
  devices: RecordDevice[];
}

export interface RecordBreakout {
  partnerId: string;
  partnerName: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
}

export interface RecordPause {
  startedAt: string;
  endedAt: string;
  durationMs: number;
  plannedMs: number;
  /** Null when the couple's setting hid who called it. */
  calledBy: { id: string; role: Role; name: string } | null;
  endReason: PauseEndReason;
  /** Every partner in the room when it began was back within PAUSE_RETURN_GRACE_MS; null if the session ended during it. */
  everyoneBack: boolean | null;
}

export interface RecordQuickExit {
  partnerId: string;
  partnerName: string;
  at: string;
}

/** A partner's covert stop signal (issue 15): therapist-only, like everything in the record. */
export interface RecordStopSignal {
  partnerId: string;
  partnerName: string;
  at: string;
  /** When the therapist dismissed it; null when it was never dismissed. */
  dismissedAt: string | null;
}

export interface RecordScriptRun {
  scriptId: string;
  name: string;
  language: Language;
  roles: { roleId: string; roleName: string; partnerId: string; partnerName: string }[];
  stepCount: number;
  /** Highest step reached (1-based); 0 when none was. */
  stepsReached: number;
  lastStepTitle: string | null;
  completed: boolean;
  startedAt: string;
  endedAt: string | null;
}

export interface RecordCard extends MapNodeData {
  id: string;
}

export interface RecordCardChange {
  id: string;
  kind: MapNodeData['kind'];
  side: MapNodeData['side'];
  label: string;
  /** For an edited card: its words before, when they changed. */
  before?: string;
}

export interface RecordMap {
  docName: string;
  /** The map as it stood at the end of the session (or now, while it is live). */
  nodes: RecordCard[];
  edges: (MapEdgeData & { id: string })[];
  /** What changed compared with the version kept at the end of the previous session on the same map. */
  baseline: 'previous-session' | 'empty';
  added: RecordCardChange[];
  edited: RecordCardChange[];
  removed: RecordCardChange[];
}

export interface RecordSessionLink {
  id: string;
  title: string;
  status: SessionStatus;
  /** Scheduled time, or when it was created when none was set. */
  at: string;
}

export interface SessionRecordDto {
  session: {
    id: string;
    coupleId: string;
    coupleName: string;
    title: string;
    kind: SessionKind;
    status: SessionStatus;
    scheduledAt: string | null;
    scheduledMinutes: number;
    startedAt: string | null;
    endedAt: string | null;
    /** From start to end (or to now while live); null before it started. */
    durationMs: number | null;
  };
  people: RecordPerson[];
  breakouts: RecordBreakout[];
  pauses: RecordPause[];
  quickExits: RecordQuickExit[];
  /** Each stop signal sent during the session, oldest first. */
  stopSignals: RecordStopSignal[];
  scripts: RecordScriptRun[];
  map: RecordMap | null;
  /** The check-in and check-out: their state, the instrument versions used, and each partner's answers. */
  measures: MeasuresView;
  previous: RecordSessionLink | null;
  next: RecordSessionLink | null;
  /** When the record was built (server time). */
  builtAt: string;
}

/** Progress-note formats, each adapted to couples. */
export const NOTE_FORMATS = ['dap', 'soap', 'birp'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

/** Each format's own narrative sections, in order (the couples fields below are common to all). */
export const NOTE_SECTIONS = {
  dap: ['data', 'assessment', 'plan'],
  soap: ['subjective', 'objective', 'assessment', 'plan'],
  birp: ['behavior', 'intervention', 'response', 'plan'],
} as const satisfies Record<NoteFormat, readonly string[]>;
export type NoteSection = (typeof NOTE_SECTIONS)[NoteFormat][number];
export const ALL_NOTE_SECTIONS = [
  'data',
  'subjective',
  'objective',
  'behavior',
  'intervention',
  'response',
  'assessment',
  'plan',
] as const satisfies readonly NoteSection[];

export const RISK_LEVELS = ['none', 'low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The couples fields every format carries. */
export const NOTE_COUPLE_FIELDS = ['attendance', 'cycle', 'skill', 'task'] as const;
export type NoteCoupleField = (typeof NOTE_COUPLE_FIELDS)[number];

export const NOTE_LIMITS = {
  fieldChars: 8000,
  partnerFieldChars: 4000,
  addendumChars: 8000,
  partners: 2,
} as const;

export interface NotePartnerEntry {
  partnerId: string;
  presentation: string;
  /** Asked for each partner every session; required before signing. */
  riskLevel: RiskLevel | null;
  riskNote: string;
}

export interface ProgressNoteContent {
  fields: Partial<Record<NoteCoupleField, string>>;
  sections: Partial<Record<NoteSection, string>>;
  partners: NotePartnerEntry[];
}

export interface ProgressNoteBody {
  format: NoteFormat;
  content: ProgressNoteContent;
}

export interface AddendumBody {
  text: string;
}

export interface ProgressNoteAddendumDto {
  id: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface ProgressNoteDto {
  sessionId: string;
  format: NoteFormat;
  content: ProgressNoteContent;
  createdAt: string;
  updatedAt: string;
  signed: { at: string; by: string; name: string } | null;
  addenda: ProgressNoteAddendumDto[];
}

/** GET /api/sessions/:id/progress-note: the note, or null with the practice's format for a new one. */
export interface ProgressNoteStateDto {
  note: ProgressNoteDto | null;
  practiceFormat: NoteFormat;
  /** The session's partners, slot `a` first, who each need a risk answer. */
  partners: { id: string; name: string; slot: PartnerSlot }[];
}
