/**
 * The Socket.IO wire protocol, one place for both ends.
 * Event names are `feature:verb`. Every client->server event carries one payload
 * (validated by a zod schema in ./schemas.ts) and an ack callback that receives Result<T>.
 */
import type { Result } from './errors.js';
import type { ChatClientEvents, ChatServerEvents } from './chat.js';
import type { PartnerSlot, PresenceStatus, Role, SessionKind, SessionStatus } from './domain.js';
import type { VideoClientEvents, VideoServerEvents } from './video.js';
import type { ScriptClientEvents, ScriptServerEvents } from './scripts.js';
import type { TimerClientEvents, TimerServerEvents } from './timers.js';
import type { ShareField } from './map.js';
import type { SafetyClientEvents, SafetyServerEvents } from './safety.js';
import type { DraftsClientEvents, DraftsServerEvents } from './drafts.js';
import type { MeasuresClientEvents, MeasuresServerEvents } from './measures.js';
import type { WhereaboutsServerEvents } from './screening.js';
import type { SessionSeat } from './practice.js';

/** Bump on any breaking change; the server refuses other versions with PROTOCOL_MISMATCH. */
export const PROTOCOL_VERSION = 1;

/** Sent as `socket.auth` when connecting. */
export interface HandshakeAuth {
  protocolVersion: number;
  sessionId: string;
}

export type Ack<T> = (result: Result<T>) => void;

/** One device of a partner (one redeemed link): shown to the therapist only, each admitted on its own. */
export interface DeviceView {
  id: string;
  status: PresenceStatus;
  /** When this device redeemed its link (ISO). */
  joinedAt: string;
}

export interface ParticipantView {
  /** Therapist id or partner id. */
  id: string;
  role: Role;
  name: string;
  /** The person's overall status: the best of their devices' statuses. */
  status: PresenceStatus;
  /** The therapist's view only: each device of a partner (never sent to partners). */
  devices?: DeviceView[];
  /** A clinician's place in the session: the one who runs it, or a co-therapist or supervisor beside them. */
  seat?: SessionSeat;
}

export interface SelfView {
  id: string;
  role: Role;
  name: string;
  /** For partners: where this device stands in admission; therapists are always 'online'. */
  status: PresenceStatus;
  /** For partners: this device's id. */
  deviceId?: string;
  /** For clinicians: whether they run the session or join it as a co-therapist or a supervisor. */
  seat?: SessionSeat;
  /**
   * For a waiting partner: they were admitted earlier in this session (they dropped or left and came back), so
   * the therapist lets them back in rather than in.
   */
  returning?: boolean;
}

export interface SessionPartner {
  id: string;
  slot: PartnerSlot;
  name: string;
}

export interface SessionSnapshot {
  sessionId: string;
  sessionStatus: SessionStatus;
  kind: SessionKind;
  coupleId: string;
  /** The Yjs doc of this session's shared workspace: the couple's map (joint) or the partner's board (individual). */
  workspaceDoc: string;
  /** While true, only the therapist may change the map (the server refuses partners' updates). */
  mapLocked: boolean;
  /** The couple's partners and their map lanes. */
  partners: SessionPartner[];
  self: SelfView;
  participants: ParticipantView[];
  serverTime: number;
}

export interface EmptyPayload {
  [key: string]: never;
}

export interface PartnerTargetPayload {
  partnerId: string;
}

/** A partner asks the server to put words from their own private panel on the couple's map, on their side. */
export interface MapSharePayload {
  field: ShareField;
  /** The words as the partner saw them in the dialog; the server shares them only if the panel holds exactly these. */
  text: string;
}
export interface MapShareResult {
  cardId: string;
}

/** Admit or decline one device of a partner; without `deviceId`, the partner's only waiting device. */
export interface DeviceTargetPayload {
  partnerId: string;
  deviceId?: string;
}

export interface DeviceRemovePayload {
  partnerId: string;
  deviceId: string;
}

/** Why a live connection was closed because its credential ended. */
export const CREDENTIAL_END_REASONS = [
  'signed-out',
  'expired',
  /** Ended after the idle timeout (no activity, outside a live session). */
  'idle',
  'revoked',
  'replaced',
  'removed',
  'session-ended',
  /** The session was cancelled before it started (the partner's page says so calmly, not "link invalid"). */
  'session-cancelled',
] as const;
export type CredentialEndReason = (typeof CREDENTIAL_END_REASONS)[number];

export interface AuthEndedInfo {
  reason: CredentialEndReason;
}

export interface MapLockPayload {
  locked: boolean;
}

/** Waiting room, presence and the session's life. */
export interface LobbyClientEvents {
  /** Ask for the current snapshot (after connect or reconnect). */
  'session:hello': (payload: EmptyPayload, ack: Ack<SessionSnapshot>) => void;
  /** Therapist: let a waiting device of a partner in. */
  'lobby:admit': (payload: DeviceTargetPayload, ack: Ack<null>) => void;
  /** Therapist: turn a waiting device away for this session. */
  'lobby:decline': (payload: DeviceTargetPayload, ack: Ack<null>) => void;
  /** Therapist: remove one device (its link stops working there and its connections end). */
  'lobby:remove-device': (payload: DeviceRemovePayload, ack: Ack<null>) => void;
  /** Therapist: end the session for everyone. */
  'session:end': (payload: EmptyPayload, ack: Ack<null>) => void;
}

export interface LobbyServerEvents {
  /** The presence list for the receiver's audience changed. */
  'presence:update': (participants: ParticipantView[]) => void;
  /** The receiver's own admission changed (admitted, declined). */
  'self:update': (self: SelfView) => void;
  'session:ended': (info: { endedAt: string }) => void;
  /** The credential this connection was opened with ended (sign-out, expiry, revoke...); it closes next. */
  'auth:ended': (info: AuthEndedInfo) => void;
}

/** The conflict-cycle map's control state (its content travels over the Yjs endpoint). */
export interface MapClientEvents {
  /** Therapist: lock or unlock the map for partners. */
  'map:lock': (payload: MapLockPayload, ack: Ack<MapLockPayload>) => void;
  /**
   * Partner: share words from their own panel to the room. The server checks and writes the card itself (the
   * client never holds an unsent copy); refused while the map is locked, in the waiting room, or when too long.
   */
  'map:share': (payload: MapSharePayload, ack: Ack<MapShareResult>) => void;
}

export interface MapServerEvents {
  'map:lock': (state: MapLockPayload) => void;
}

/**
 * The whole protocol: each feature declares its own event interfaces (feature:verb names) and is added here,
 * with its schemas added to `clientEventSchemas` in ./schemas.ts.
 */
export interface ClientToServerEvents
  extends
    LobbyClientEvents,
    MapClientEvents,
    ChatClientEvents,
    VideoClientEvents,
    TimerClientEvents,
    ScriptClientEvents,
    SafetyClientEvents,
    DraftsClientEvents,
    MeasuresClientEvents {}
export interface ServerToClientEvents
  extends
    LobbyServerEvents,
    MapServerEvents,
    ChatServerEvents,
    VideoServerEvents,
    TimerServerEvents,
    ScriptServerEvents,
    SafetyServerEvents,
    DraftsServerEvents,
    WhereaboutsServerEvents,
    MeasuresServerEvents {}

export type ClientEventName = keyof ClientToServerEvents;
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type ClientEventAckData<E extends ClientEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;
