/** Typed error codes shared by REST, Socket.IO acks and the Yjs endpoint. */
export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  SESSION_ENDED: 'SESSION_ENDED',
  INVITE_INVALID: 'INVITE_INVALID',
  /** The session this link was for was cancelled by the therapist. */
  SESSION_CANCELLED: 'SESSION_CANCELLED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** The database (or another dependency) is not answering right now; retrying later can work. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A new password is too easy to guess (common, breached, personal or a pattern). */
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  /** First-run setup without the one-time code the start banner printed (or SETUP_TOKEN). */
  SETUP_TOKEN_INVALID: 'SETUP_TOKEN_INVALID',
  /** The progress note is signed: it is read-only; corrections are addenda. */
  NOTE_SIGNED: 'NOTE_SIGNED',
  /** E-mail is not configured on this server (no SMTP_URL): links are copied by hand. */
  MAIL_NOT_CONFIGURED: 'MAIL_NOT_CONFIGURED',
  /** The mail server did not take the e-mail (down or refusing); nothing was sent, trying again can work. */
  MAIL_FAILED: 'MAIL_FAILED',
  /** A password-reset link that is unknown, already used or past its hour. */
  RESET_LINK_INVALID: 'RESET_LINK_INVALID',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * WebSocket close codes used by the Yjs endpoint. As y-websocket's clients read them: 4400-4499 mirror HTTP 4xx,
 * a decision reconnecting cannot change (the provider stops); 4500-4599 mean "try again later" (it reconnects
 * with a backoff).
 */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  BAD_MESSAGE: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  SESSION_ENDED: 4410,
  /** A message over `COLLAB_MAX_MESSAGE_BYTES`, or an awareness state over `COLLAB_MAX_AWARENESS_BYTES`. */
  MESSAGE_TOO_LARGE: 4413,
  /** The update would make the doc bigger than `COLLAB_MAX_DOC_BYTES`; it was not applied. */
  DOC_QUOTA: 4422,
  /** The client speaks another `COLLAB_PROTOCOL_VERSION`. */
  PROTOCOL_MISMATCH: 4426,
  INTERNAL: 4500,
  /** The doc has as many connections as it takes (`COLLAB_MAX_CONNECTIONS_PER_DOC`): try again later. */
  TOO_MANY_CONNECTIONS: 4503,
  /** Too many updates or bytes too fast from this connection; nothing was applied: reconnect and resend. */
  RATE_LIMITED: 4529,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Exhaustiveness guard for switches over unions. */
export function exhaustive(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
