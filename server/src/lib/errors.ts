import { ErrorCode, type ApiError } from '@tandem/shared';
import { classifyDbError } from '../db/errors.js';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WEAK_PASSWORD: 422,
  SETUP_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOTE_SIGNED: 409,
  SESSION_ENDED: 410,
  INVITE_INVALID: 410,
  SESSION_CANCELLED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PROTOCOL_MISMATCH: 426,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  MAIL_NOT_CONFIGURED: 409,
  MAIL_FAILED: 502,
  RESET_LINK_INVALID: 410,
};

/** An error that is safe to show: its code and message go to the client as they are. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}

export const forbidden = (message = 'You do not have access to this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (message = 'Not found.') => new AppError(ErrorCode.NOT_FOUND, message);
export const badRequest = (message: string) => new AppError(ErrorCode.BAD_REQUEST, message);
export const unauthenticated = (message = 'Please sign in.') => new AppError(ErrorCode.UNAUTHENTICATED, message);

/**
 * A storage error with a meaning for the caller, as a typed error: the database not answering is UNAVAILABLE
 * (503, try again shortly), text it cannot store is BAD_REQUEST. Null for everything else.
 */
export function fromDbError(err: unknown): AppError | null {
  switch (classifyDbError(err)) {
    case 'unavailable':
      return new AppError(ErrorCode.UNAVAILABLE, 'The database is not answering. Please try again shortly.', 5);
    case 'bad_text':
      return badRequest('The text contains a character that cannot be stored.');
    case null:
      return null;
  }
}

/** Anything that is not an AppError (or a known storage error) becomes INTERNAL; its details are logged, never sent. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return err.toApiError();
  const known = fromDbError(err);
  if (known) return known.toApiError();
  return { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side.' };
}
