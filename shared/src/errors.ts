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
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** The database (or another dependency) is not answering right now; retrying later can work. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A new password is too easy to guess (common, breached, personal or a pattern). */
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  /** First-run setup without the one-time code the start banner printed (or SETUP_TOKEN). */
  SETUP_TOKEN_INVALID: 'SETUP_TOKEN_INVALID',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** WebSocket close codes used by the Yjs endpoint (4xxx mirror HTTP semantics). */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  BAD_MESSAGE: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  SESSION_ENDED: 4410,
  MESSAGE_TOO_LARGE: 4413,
  INTERNAL: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Exhaustiveness guard for switches over unions. */
export function exhaustive(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
