/**
 * Role-play scripts (DOMAIN.md §5): a script is data (roles, steps, prompts per role, stems, a suggested time),
 * and a live run of one in a session is server-authoritative state.
 */
import type { Ack, EmptyPayload } from './protocol.js';
import type { Language, SessionKind } from './domain.js';
import type { Timer } from './timers.js';

export interface ScriptRole {
  /** Stable within the script, e.g. "speaker". */
  id: string;
  name: string;
}

export interface ScriptStep {
  title: string;
  /** The role whose turn it is (a role id). */
  turn: string;
  /** What each role does in this step, by role id. */
  prompts: Record<string, string>;
  /** Optional sentence stems, e.g. "When …, I felt …". */
  stems: string[];
  /** Suggested length of the turn. */
  seconds: number;
}

export interface ScriptContent {
  name: string;
  purpose: string;
  roles: ScriptRole[];
  steps: ScriptStep[];
}

export type ScriptContents = Partial<Record<Language, ScriptContent>>;

export interface ScriptDto {
  /** Built-in ids are short slugs; a therapist's own scripts have UUIDs. */
  id: string;
  builtin: boolean;
  /** The language it was written in (built-ins carry every language in `contents`). */
  language: Language;
  contents: ScriptContents;
  updatedAt: string | null;
}

export interface ScriptBody {
  language: Language;
  content: ScriptContent;
}

export const SCRIPT_LIMITS = {
  roles: { min: 2, max: 4 },
  steps: { min: 1, max: 30 },
  stems: { max: 6 },
  seconds: { min: 10, max: 3600 },
  nameChars: 80,
  purposeChars: 400,
  promptChars: 600,
  stemChars: 160,
  titleChars: 80,
  roleIdChars: 32,
} as const;

/** Problems the schema's shape cannot see: turns and prompts that name unknown roles, duplicate role ids. */
export function scriptProblems(content: ScriptContent): string[] {
  const problems: string[] = [];
  const ids = content.roles.map((r) => r.id);
  const known = new Set(ids);
  if (known.size !== ids.length) problems.push('roles: role ids must be unique');
  content.steps.forEach((step, i) => {
    if (!known.has(step.turn)) problems.push(`steps.${i}.turn: not one of the roles`);
    for (const key of Object.keys(step.prompts)) {
      if (!known.has(key)) problems.push(`steps.${i}.prompts.${key}: not one of the roles`);
    }
    for (const id of ids) {
      if (!step.prompts[id]?.trim()) problems.push(`steps.${i}.prompts.${id}: every role needs a prompt`);
    }
  });
  return problems;
}

/** Two language versions of one script must share roles, turns and timings. */
export function sameStructure(a: ScriptContent, b: ScriptContent): boolean {
  return (
    a.roles.map((r) => r.id).join() === b.roles.map((r) => r.id).join() &&
    a.steps.length === b.steps.length &&
    a.steps.every((s, i) => s.turn === b.steps[i]?.turn && s.seconds === b.steps[i]?.seconds)
  );
}

/** The content to show for a language: that one if present, else the script's own language. */
export function contentFor(contents: ScriptContents, language: string, fallback: Language): ScriptContent | null {
  return contents[language as Language] ?? contents[fallback] ?? Object.values(contents)[0] ?? null;
}

/** Partners a session of this kind has: a script fits it only if each role can go to a different partner. */
const PARTNERS_IN: Record<SessionKind, number> = { joint: 2, individual: 1 };

/**
 * Whether a script can run in a session of this kind: never one person as both speaker and listener, so a script
 * with two partner roles is not offered (and not started) in an individual session.
 */
export function scriptFitsSession(content: Pick<ScriptContent, 'roles'>, kind: SessionKind): boolean {
  return content.roles.length <= PARTNERS_IN[kind];
}

export const SCRIPT_RUN_STATUSES = ['running', 'paused', 'ended'] as const;
export type ScriptRunStatus = (typeof SCRIPT_RUN_STATUSES)[number];

/** One visit to a step: when it began and ended (server ms) and who held the turn. */
export interface ScriptStepVisit {
  step: number;
  enteredAt: number;
  leftAt: number | null;
  /** Partner id whose turn it was. */
  speakerId: string | null;
}

export interface ScriptRunView {
  id: string;
  scriptId: string;
  language: Language;
  contents: ScriptContents;
  /** Role id -> partner id. */
  assignments: Record<string, string>;
  stepIndex: number;
  status: ScriptRunStatus;
  /** The speaking-turn timer of the current step. */
  turnTimer: Timer;
  /** The current speaker said they are done with this turn. */
  speakerDone: boolean;
  startedAt: number;
  endedAt: number | null;
  visits: ScriptStepVisit[];
}

export interface ScriptStartPayload {
  scriptId: string;
  /** Role id -> partner id; every role must be given to a partner of the session. */
  assignments: Record<string, string>;
}
export interface ScriptPausePayload {
  paused: boolean;
}

export interface ScriptClientEvents {
  /** The live run in this session, if any. */
  'script:state': (payload: EmptyPayload, ack: Ack<ScriptRunView | null>) => void;
  /** Therapist: start a script with role assignments (replaces a running one). */
  'script:start': (payload: ScriptStartPayload, ack: Ack<ScriptRunView>) => void;
  /** Therapist: next step (past the last one ends the run). */
  'script:next': (payload: EmptyPayload, ack: Ack<ScriptRunView>) => void;
  /** Therapist: previous step. */
  'script:back': (payload: EmptyPayload, ack: Ack<ScriptRunView>) => void;
  /** Therapist: swap the partners' roles. */
  'script:swap': (payload: EmptyPayload, ack: Ack<ScriptRunView>) => void;
  /** Therapist: pause or resume the run (the turn timer stops). */
  'script:pause': (payload: ScriptPausePayload, ack: Ack<ScriptRunView>) => void;
  /** Therapist: end the run. */
  'script:end': (payload: EmptyPayload, ack: Ack<ScriptRunView>) => void;
  /** The current speaker: "I'm done" with this turn. */
  'script:done': (payload: EmptyPayload, ack: Ack<ScriptRunView>) => void;
}

export interface ScriptServerEvents {
  /** The run changed; null when there is no run any more. */
  'script:update': (run: ScriptRunView | null) => void;
}
