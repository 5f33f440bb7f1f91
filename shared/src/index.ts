export { ErrorCode, CloseCode, exhaustive } from './errors.js';
export type { ApiError, Result } from './errors.js';
export {
  LANGUAGES,
  CONFIDENTIALITY_POLICIES,
  SESSION_KINDS,
  SESSION_STATUSES,
  PARTNER_SLOTS,
  ADMISSION_STATES,
  PRESENCE_STATUSES,
  RECONNECT_GRACE_MS,
  DEFAULT_INVITE_TTL_HOURS,
  DEFAULT_SESSION_MINUTES,
} from './domain.js';
export type {
  Language,
  ConfidentialityPolicy,
  SessionKind,
  SessionStatus,
  PartnerSlot,
  Role,
  AdmissionState,
  PresenceStatus,
} from './domain.js';
export type {
  TherapistDto,
  SetupStatusDto,
  PartnerDto,
  CoupleDto,
  InviteStatusDto,
  SessionDto,
  IssuedInviteDto,
  CreatedSessionDto,
  JoinInfoDto,
  RedeemResultDto,
  SetupBody,
  LoginBody,
  PartnerInput,
  CreateCoupleBody,
  UpdateCoupleBody,
  CreateSessionBody,
  RedeemBody,
  MapSnapshotDto,
  MapSnapshotStateDto,
} from './api.js';
export { PROTOCOL_VERSION } from './protocol.js';
export type {
  HandshakeAuth,
  Ack,
  ParticipantView,
  SelfView,
  SessionSnapshot,
  SessionPartner,
  EmptyPayload,
  PartnerTargetPayload,
  MapLockPayload,
  ClientToServerEvents,
  ServerToClientEvents,
  LobbyClientEvents,
  LobbyServerEvents,
  MapClientEvents,
  MapServerEvents,
  ClientEventName,
  ClientEventPayload,
  ClientEventAckData,
} from './protocol.js';
export { DOC_KINDS, docName, parseDocName, COLLAB_PATH } from './docs.js';
export type { DocKind, DocRef } from './docs.js';
export {
  CYCLE_NODE_KINDS,
  MAP_SIDES,
  LANE_ORDER,
  LANE_X,
  ROW_HEIGHT,
  MAP_TEMPLATE_IDS,
  buildTemplate,
  cycleOutline,
} from './map.js';
export type {
  CycleNodeKind,
  MapSide,
  MapNodeData,
  MapEdgeData,
  MapTemplateId,
  TemplateNode,
  TemplateEdge,
  BuiltTemplate,
  OutlineStep,
  OutlineLane,
} from './map.js';
export { CHAT_MAX_LENGTH } from './chat.js';
export type {
  ChatMessageDto,
  ChatSendPayload,
  ChatLinePayload,
  ChatReadPayload,
  ChatReadEvent,
  QuickExitAlert,
  ChatClientEvents,
  ChatServerEvents,
} from './chat.js';
export { SIGNAL_MAX_CHARS, BREAKOUT_MESSAGE_MAX, breakoutAllows } from './video.js';
export type {
  IceCandidateInit,
  RtcSignal,
  RtcSignalType,
  RtcSignalPayload,
  RtcSignalMessage,
  RtcJoinResult,
  BreakoutState,
  BreakoutStartPayload,
  VideoSnapshot,
  IceServerDto,
  IceConfigDto,
  VideoClientEvents,
  VideoServerEvents,
} from './video.js';
