import type { AppError, AppErrorCode } from './api';

/** The translation key for an error code; unknown codes fall back to a generic message. */
export function errorKey(code: AppErrorCode | string): string {
  switch (code) {
    case 'BAD_REQUEST':
      return 'errors.BAD_REQUEST';
    case 'UNAUTHENTICATED':
      return 'errors.UNAUTHENTICATED';
    case 'FORBIDDEN':
      return 'errors.FORBIDDEN';
    case 'NOT_FOUND':
      return 'errors.NOT_FOUND';
    case 'CONFLICT':
      return 'errors.CONFLICT';
    case 'RATE_LIMITED':
      return 'errors.RATE_LIMITED';
    case 'PAYLOAD_TOO_LARGE':
      return 'errors.PAYLOAD_TOO_LARGE';
    case 'PROTOCOL_MISMATCH':
      return 'errors.PROTOCOL_MISMATCH';
    case 'SESSION_ENDED':
      return 'errors.SESSION_ENDED';
    case 'INVITE_INVALID':
      return 'errors.INVITE_INVALID';
    case 'SESSION_CANCELLED':
      return 'errors.SESSION_CANCELLED';
    case 'INVALID_CREDENTIALS':
      return 'errors.INVALID_CREDENTIALS';
    case 'UNAVAILABLE':
      return 'errors.UNAVAILABLE';
    case 'WEAK_PASSWORD':
      return 'errors.WEAK_PASSWORD';
    case 'SETUP_TOKEN_INVALID':
      return 'errors.SETUP_TOKEN_INVALID';
    case 'NOTE_SIGNED':
      return 'errors.NOTE_SIGNED';
    case 'MAIL_NOT_CONFIGURED':
      return 'errors.MAIL_NOT_CONFIGURED';
    case 'MAIL_FAILED':
      return 'errors.MAIL_FAILED';
    case 'RESET_LINK_INVALID':
      return 'errors.RESET_LINK_INVALID';
    case 'NETWORK_ERROR':
      return 'errors.NETWORK_ERROR';
    case 'TIMEOUT':
      return 'errors.TIMEOUT';
    default:
      return 'errors.INTERNAL';
  }
}

export function errorKeyOf(error: AppError | null | undefined): string | null {
  return error ? errorKey(error.code) : null;
}
