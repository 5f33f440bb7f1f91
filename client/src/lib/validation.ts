/** Client-side checks mirroring the server's schemas; they return translation keys. */
export const NAME_MAX = 80;
export const TITLE_MAX = 120;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const DURATION_MIN = 10;
export const DURATION_MAX = 240;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requiredName(value: string): string | null {
  if (!value.trim()) return 'validation.required';
  if (value.trim().length > NAME_MAX) return 'validation.tooLong';
  return null;
}

export function validEmail(value: string): string | null {
  if (!value.trim()) return 'validation.required';
  return EMAIL_PATTERN.test(value.trim()) ? null : 'validation.email';
}

export function newPassword(value: string): string | null {
  if (value.length < PASSWORD_MIN) return 'validation.passwordLength';
  if (value.length > PASSWORD_MAX) return 'validation.tooLong';
  return null;
}

export function requiredPassword(value: string): string | null {
  return value ? null : 'validation.required';
}
