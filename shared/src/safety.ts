/**
 * Safety in joint work: the covert stop signal and the therapist's one-click protocol (issue 15).
 *
 * A partner's stop signal means "I need to stop / I'm not safe to talk". It goes to the therapist audience only:
 * never to the room, never to the other partner, never to the sender's own other devices. The therapist answers
 * with one click: a pause for the room, then a breakout with the partner who signalled, then one with the other
 * partner, both with the same neutral reason.
 */
import type { Ack, EmptyPayload } from './protocol.js';

/** Longest label the therapist can agree with a partner for their control (e.g. "I'd like some water"). */
export const STOP_LABEL_MAX = 60;
/** The keyboard chord that sends the signal (besides the control): Alt+Shift+ this key (KeyboardEvent.code). */
export const STOP_CHORD_CODE = 'KeyY';
/** The chord as `aria-keyshortcuts` writes it. */
export const STOP_CHORD_ARIA = 'Alt+Shift+Y';

/** Where the one-click protocol stands: a pause, the breakout with the signaller, the one with the other partner. */
export const PROTOCOL_STEPS = ['pause', 'first', 'second', 'done', 'stopped'] as const;
export type ProtocolStep = (typeof PROTOCOL_STEPS)[number];

/** A partner's signals not yet dismissed by the therapist (one entry per partner, the latest time). */
export interface StopSignalAlert {
  partnerId: string;
  name: string;
  /** The latest signal (ISO). */
  at: string;
  /** Signals from this partner since the therapist last dismissed them. */
  count: number;
}

export interface SafetyProtocolView {
  id: string;
  /** The partner who signalled: the first breakout is with them. */
  firstPartnerId: string;
  /** The other partner: the queued second breakout. */
  secondPartnerId: string;
  step: ProtocolStep;
  startedAt: string;
}

/** What the therapist's screen shows: open alerts and the running protocol (null when none is running). */
export interface SafetyState {
  alerts: StopSignalAlert[];
  protocol: SafetyProtocolView | null;
}

export interface StopSignalPayload {
  /** Chosen by the page (a UUID): the socket and the REST fallback send the same one, counted once. */
  id: string;
}

/** The partner's own control: the label agreed with the therapist, or null for the default neutral one. */
export interface StopLabelDto {
  label: string | null;
}

/** The couple's page: each partner's agreed label (therapist only). */
export interface PartnerStopLabelDto {
  partnerId: string;
  label: string | null;
}

export interface StopLabelBody {
  /** null (or empty) goes back to the default neutral label. */
  label: string | null;
}

export interface ProtocolStartPayload {
  /** The partner who signalled. */
  partnerId: string;
}

export interface SafetyClientEvents {
  /** Partner: send the covert stop signal (acks null whatever happened to an id already seen). */
  'safety:signal': (payload: StopSignalPayload, ack: Ack<null>) => void;
  /** Therapist: the current alerts and protocol (after connect or reconnect). */
  'safety:state': (payload: EmptyPayload, ack: Ack<SafetyState>) => void;
  /** Therapist: clear one partner's alerts. */
  'safety:dismiss': (payload: { partnerId: string }, ack: Ack<SafetyState>) => void;
  /** Therapist: the one-click protocol for the partner who signalled. */
  'safety:protocol-start': (payload: ProtocolStartPayload, ack: Ack<SafetyState>) => void;
  /** Therapist: stop the protocol (the current pause or breakout goes on; nothing more is queued). */
  'safety:protocol-stop': (payload: EmptyPayload, ack: Ack<SafetyState>) => void;
}

export interface SafetyServerEvents {
  /** Only to the therapist audience. */
  'safety:state': (state: SafetyState) => void;
}
