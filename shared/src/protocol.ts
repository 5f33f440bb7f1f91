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

/** Bump on any breaking change; the server refuses other versions with PROTOCOL_MISMATCH. */
export const PROTOCOL_VERSION = 1;

/** Sent as `socket.auth` when connecting. */
export interface HandshakeAuth {
  protocolVersion: number;
  sessionId: string;
}

export type Ack<T> = (result: Result<T>) => void;

export interface ParticipantView {
  /** Therapist id or partner id. */
  id: string;
  role: Role;
  name: string;
  status: PresenceStatus;
}

export interface SelfView {
  id: string;
  role: Role;
  name: string;
  /** For partners: where they stand in admission; therapists are always 'online'. */
  status: PresenceStatus;
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

export interface MapLockPayload {
  locked: boolean;
}

/** Waiting room, presence and the session's life. */
export interface LobbyClientEvents {
  /** Ask for the current snapshot (after connect or reconnect). */
  'session:hello': (payload: EmptyPayload, ack: Ack<SessionSnapshot>) => void;
  /** Therapist: let a waiting partner in. */
  'lobby:admit': (payload: PartnerTargetPayload, ack: Ack<null>) => void;
  /** Therapist: turn a waiting partner away for this session. */
  'lobby:decline': (payload: PartnerTargetPayload, ack: Ack<null>) => void;
  /** Therapist: end the session for everyone. */
  'session:end': (payload: EmptyPayload, ack: Ack<null>) => void;
}

export interface LobbyServerEvents {
  /** The presence list for the receiver's audience changed. */
  'presence:update': (participants: ParticipantView[]) => void;
  /** The receiver's own admission changed (admitted, declined). */
  'self:update': (self: SelfView) => void;
  'session:ended': (info: { endedAt: string }) => void;
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
    ScriptClientEvents {}
export interface ServerToClientEvents
  extends
    LobbyServerEvents,
    MapServerEvents,
    ChatServerEvents,
    VideoServerEvents,
    TimerServerEvents,
    ScriptServerEvents {}

export type ClientEventName = keyof ClientToServerEvents;
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type ClientEventAckData<E extends ClientEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;
