import { ErrorCode, type ApiError } from '@tandem/shared';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WEAK_PASSWORD: 422,
  SETUP_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SESSION_ENDED: 410,
  INVITE_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  PROTOCOL_MISMATCH: 426,
  RATE_LIMITED: 429,
  INTERNAL: 500,
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

/** Anything that is not an AppError becomes INTERNAL; its details are logged, never sent. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return err.toApiError();
  return { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side.' };
}
