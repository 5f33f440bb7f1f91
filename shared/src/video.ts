/**
 * Video: WebRTC signaling relayed over Socket.IO, and the therapist's private breakout.
 * Media never passes through the server; only these small control messages do.
 */
import type { Ack, EmptyPayload } from './protocol.js';

/** Largest signal payload accepted (JSON characters). An SDP offer for audio + video is about 4-8 KB. */
export const SIGNAL_MAX_CHARS = 24 * 1024;
/** Longest optional message the therapist can leave for the partner on hold. */
export const BREAKOUT_MESSAGE_MAX = 280;

/** An ICE candidate as RTCIceCandidate.toJSON() gives it. */
export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/**
 * What simple-peer's `signal` event produces, plus `restart`: a request from the answering side that the
 * offering side build a fresh connection (sent when the answering side saw the connection fail).
 */
export type RtcSignal =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'candidate'; candidate: IceCandidateInit }
  | { type: 'renegotiate'; renegotiate: true }
  | { type: 'transceiverRequest'; transceiverRequest: { kind: 'audio' | 'video' } }
  | { type: 'restart' };

export type RtcSignalType = RtcSignal['type'];

export interface RtcSignalPayload {
  /** The person (therapist id or partner id) this signal is for. */
  to: string;
  /** Which connection attempt this belongs to (chosen by the offering side); stale ones are dropped. */
  connId: string;
  signal: RtcSignal;
}

export interface RtcSignalMessage {
  from: string;
  connId: string;
  signal: RtcSignal;
}

export interface RtcJoinResult {
  /** People already in the call (their media is ready), the caller excluded. */
  peers: string[];
}

/**
 * A reason every screen shows in its own language. `each-of-you`: "The therapist would like a few minutes with each
 * of you" (the safety protocol's breakouts, one with each partner in turn, so the order reveals nothing).
 */
export const BREAKOUT_REASONS = ['each-of-you'] as const;
export type BreakoutReason = (typeof BREAKOUT_REASONS)[number];

export interface BreakoutState {
  /** The partner the therapist has taken aside. */
  partnerId: string;
  /** Epoch milliseconds (server time). */
  startedAt: number;
  /** Shown to the partner on hold; empty when the therapist left none. */
  message: string;
  /** A standard reason shown to the partner on hold in their language; null when none. */
  reason: BreakoutReason | null;
}

export interface VideoSnapshot {
  breakout: BreakoutState | null;
  serverTime: number;
}

export interface BreakoutStartPayload {
  partnerId: string;
  message?: string;
  reason?: BreakoutReason;
}

/** An ICE server as RTCPeerConnection wants it. */
export interface IceServerDto {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface IceConfigDto {
  iceServers: IceServerDto[];
  /** When TURN credentials stop working (epoch ms); null without TURN. */
  expiresAt: number | null;
}

export interface VideoClientEvents {
  /** Current video control state (the breakout) after connect or reconnect. */
  'video:hello': (payload: EmptyPayload, ack: Ack<VideoSnapshot>) => void;
  /** My media is ready: put me in the call; answers who is already there. */
  'rtc:join': (payload: EmptyPayload, ack: Ack<RtcJoinResult>) => void;
  /** I left the call (the page stays). */
  'rtc:leave': (payload: EmptyPayload, ack: Ack<null>) => void;
  /** Relay one signaling message to one admitted person, if the breakout allows that pair. */
  'rtc:signal': (payload: RtcSignalPayload, ack: Ack<null>) => void;
  /** Therapist: take one partner aside; the other partner waits on hold. */
  'breakout:start': (payload: BreakoutStartPayload, ack: Ack<BreakoutState>) => void;
  /** Therapist: bring everyone back together. */
  'breakout:end': (payload: EmptyPayload, ack: Ack<null>) => void;
}

export interface VideoServerEvents {
  'rtc:signal': (message: RtcSignalMessage) => void;
  'rtc:peer-joined': (info: { personId: string }) => void;
  'rtc:peer-left': (info: { personId: string }) => void;
  'breakout:state': (state: BreakoutState | null) => void;
}

/**
 * Whether two people of a session may have a peer connection under the current breakout.
 * During a breakout only the therapist and the partner taken aside stay connected; every pair
 * that includes someone else is cut.
 */
export function breakoutAllows(breakout: BreakoutState | null, therapistId: string, a: string, b: string): boolean {
  if (a === b) return false;
  if (!breakout) return true;
  const pair = new Set([a, b]);
  return pair.has(therapistId) && pair.has(breakout.partnerId);
}
