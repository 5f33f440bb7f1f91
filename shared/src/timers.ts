/**
 * Timers, the session clock and the pause card: types, constants and the pure timer state machine.
 * Server time is the only time: a running timer is a deadline (server epoch ms); clients render it
 * through their estimated clock offset (see `estimateOffset`).
 */
import type { Ack, EmptyPayload } from './protocol.js';
import type { Role } from './domain.js';

export const TIMER_STATUSES = ['running', 'paused', 'done'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/**
 * One timer as stored and sent: `running` has a deadline; `paused` keeps what was left; `done` has nothing left.
 */
export interface Timer {
  status: TimerStatus;
  /** The full length it was started (or extended) to. */
  durationMs: number;
  /** Server epoch ms at which a running timer ends; null unless running. */
  deadline: number | null;
  /** What is left while paused; 0 once done; while running, derive it from the deadline. */
  remainingMs: number;
}

export function startTimer(now: number, durationMs: number): Timer {
  return { status: 'running', durationMs, deadline: now + durationMs, remainingMs: durationMs };
}

/** Milliseconds left at `now` (never negative). */
export function timerRemaining(t: Timer, now: number): number {
  switch (t.status) {
    case 'running':
      return Math.max(0, (t.deadline ?? now) - now);
    case 'paused':
      return t.remainingMs;
    case 'done':
      return 0;
    default:
      return exhaustiveTimer(t.status);
  }
}

/** A running timer whose deadline has passed is done. */
export function isExpired(t: Timer, now: number): boolean {
  return t.status === 'running' && t.deadline !== null && t.deadline <= now;
}

/** Settles a timer at `now`: a running one past its deadline becomes done; anything else is unchanged. */
export function settleTimer(t: Timer, now: number): Timer {
  return isExpired(t, now) ? { ...t, status: 'done', deadline: null, remainingMs: 0 } : t;
}

export function pauseTimer(t: Timer, now: number): Timer {
  const s = settleTimer(t, now);
  if (s.status !== 'running') return s;
  return { ...s, status: 'paused', deadline: null, remainingMs: timerRemaining(s, now) };
}

export function resumeTimer(t: Timer, now: number): Timer {
  if (t.status !== 'paused') return t;
  return { ...t, status: 'running', deadline: now + t.remainingMs };
}

/** Adds time; a timer that was already done starts running again with the extra time. */
export function extendTimer(t: Timer, extraMs: number, now: number): Timer {
  const s = settleTimer(t, now);
  switch (s.status) {
    case 'running':
      return { ...s, durationMs: s.durationMs + extraMs, deadline: (s.deadline ?? now) + extraMs };
    case 'paused':
      return { ...s, durationMs: s.durationMs + extraMs, remainingMs: s.remainingMs + extraMs };
    case 'done':
      return { status: 'running', durationMs: s.durationMs + extraMs, deadline: now + extraMs, remainingMs: extraMs };
    default:
      return exhaustiveTimer(s.status);
  }
}

export function finishTimer(t: Timer): Timer {
  return { ...t, status: 'done', deadline: null, remainingMs: 0 };
}

function exhaustiveTimer(value: never): never {
  throw new Error(`Unexpected timer status: ${String(value)}`);
}

/** One ping: when the client sent it, when the server stamped it, when the answer came back (client clock). */
export interface ClockSample {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}

export interface ClockEstimate {
  /** Add to the client's clock to get server time. */
  offsetMs: number;
  /** Round trip of the sample used; the offset is right within half of it. */
  rttMs: number;
}

/**
 * Estimates the offset between client and server clocks from ping samples: the sample with the lowest
 * round trip wins (least queueing noise), assuming the server stamped it half-way through.
 */
export function estimateOffset(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    if (s.receivedAt < s.sentAt) continue;
    if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  }
  if (!best) return null;
  const rttMs = best.receivedAt - best.sentAt;
  return { offsetMs: Math.round(best.serverTime - (best.sentAt + rttMs / 2)), rttMs };
}

/** How many ping samples a client takes per round, and how often it re-samples. */
export const CLOCK_SAMPLES_PER_ROUND = 5;
export const CLOCK_RESAMPLE_MS = 60_000;

/** Guided exercises offered during a pause (DOMAIN.md §4). */
export const PAUSE_EXERCISES = ['box', '478', 'grounding'] as const;
export type PauseExercise = (typeof PAUSE_EXERCISES)[number];

/** Breathing phases in seconds; the grounding exercise counts senses instead. */
export const BREATHING_PATTERNS: Record<Exclude<PauseExercise, 'grounding'>, readonly BreathPhase[]> = {
  box: [
    { phase: 'in', seconds: 4 },
    { phase: 'hold', seconds: 4 },
    { phase: 'out', seconds: 4 },
    { phase: 'hold', seconds: 4 },
  ],
  '478': [
    { phase: 'in', seconds: 4 },
    { phase: 'hold', seconds: 7 },
    { phase: 'out', seconds: 8 },
  ],
};
export interface BreathPhase {
  phase: 'in' | 'hold' | 'out';
  seconds: number;
}
/** 5-4-3-2-1 grounding: how many things to notice with each sense. */
export const GROUNDING_SENSES = [
  { sense: 'see', count: 5 },
  { sense: 'touch', count: 4 },
  { sense: 'hear', count: 3 },
  { sense: 'smell', count: 2 },
  { sense: 'taste', count: 1 },
] as const;

export const PAUSE_MIN_MINUTES = 1;
export const PAUSE_MAX_MINUTES = 60;
export const DEFAULT_PAUSE_MINUTES = 20;
export const DEFAULT_PAUSE_CHOICES: readonly number[] = [2, 5, 20];
/** The session clock gives a gentle heads-up this long before the planned end. */
export const SESSION_HEADS_UP_MS = 10 * 60 * 1000;

/** The therapist's pause settings for one couple. */
export interface PauseSettings {
  defaultMinutes: number;
  /** The lengths offered when someone calls a pause (ascending). */
  choices: number[];
  /** Show who called the pause; when false everyone sees "a pause was called". */
  showCaller: boolean;
  /** Cameras and microphones go dark during a pause (the video feature honours this). */
  mediaPaused: boolean;
  /** The exercise shown unless the caller picks another. */
  exercise: PauseExercise;
}

export const DEFAULT_PAUSE_SETTINGS: PauseSettings = {
  defaultMinutes: DEFAULT_PAUSE_MINUTES,
  choices: [...DEFAULT_PAUSE_CHOICES],
  showCaller: true,
  mediaPaused: true,
  exercise: 'box',
};

export const PAUSE_END_REASONS = ['expired', 'ended-early', 'session-ended'] as const;
export type PauseEndReason = (typeof PAUSE_END_REASONS)[number];

export interface PauseView {
  id: string;
  /** Who called it; null when the therapist's setting hides it. */
  calledBy: { id: string; name: string; role: Role } | null;
  startedAt: number;
  timer: Timer;
  exercise: PauseExercise;
  mediaPaused: boolean;
  /** Partner ids who said "I'm ready to come back". */
  ready: string[];
}

/** A finished pause, for the session summary. */
export interface PauseRecord {
  id: string;
  calledById: string;
  calledByRole: Role;
  startedAt: number;
  endedAt: number;
  plannedMs: number;
  endReason: PauseEndReason;
}

export interface SessionClockView {
  /** When the session went live (server ms); null before it started. */
  startedAt: number | null;
  plannedMinutes: number;
  /** startedAt + planned length; null before it started. */
  plannedEnd: number | null;
}

/** Everything the room needs to render time: sent on request and after every change. */
export interface TimersView {
  serverTime: number;
  session: SessionClockView;
  pause: PauseView | null;
  settings: PauseSettings;
}

export interface PauseCallPayload {
  minutes?: number;
  exercise?: PauseExercise;
}
export interface PauseReadyPayload {
  ready: boolean;
}
export interface PauseExtendPayload {
  minutes: number;
}
export interface PauseExercisePayload {
  exercise: PauseExercise;
}
export type PauseSettingsPayload = Partial<PauseSettings>;

export interface TimerClientEvents {
  /** Clock sync: the server answers with its time. */
  'time:ping': (payload: EmptyPayload, ack: Ack<{ serverTime: number }>) => void;
  /** The current session clock, pause and settings. */
  'timer:state': (payload: EmptyPayload, ack: Ack<TimersView>) => void;
  /** Anyone admitted: call a pause (no reason asked). */
  'pause:call': (payload: PauseCallPayload, ack: Ack<PauseView>) => void;
  /** A partner: "I'm ready to come back" (or not yet). */
  'pause:ready': (payload: PauseReadyPayload, ack: Ack<PauseView | null>) => void;
  /** Therapist or the caller: change the exercise shown. */
  'pause:exercise': (payload: PauseExercisePayload, ack: Ack<PauseView>) => void;
  /** Therapist: end the pause early. */
  'pause:end': (payload: EmptyPayload, ack: Ack<null>) => void;
  /** Therapist: add minutes. */
  'pause:extend': (payload: PauseExtendPayload, ack: Ack<PauseView>) => void;
  /** Therapist: the couple's pause settings. */
  'pause:settings': (payload: PauseSettingsPayload, ack: Ack<PauseSettings>) => void;
}

export interface TimerServerEvents {
  /** The room's timers changed (a pause began, changed or ended; settings changed). */
  'timer:update': (view: TimersView) => void;
}
