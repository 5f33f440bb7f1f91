/**
 * The invite code from a link's fragment (`/join#<token>`), forgiving what mail and chat programs do to links: a
 * line break or spaces inside (a wrapped line) and a full stop, comma or bracket stuck to its end. None of those
 * characters can be part of a token, so nothing valid is ever changed; whatever is left is checked against the
 * shared INVITE_TOKEN_PATTERN by the caller.
 */
export function readInviteToken(hash: string): string {
  let raw = hash.replace(/^#/, '');
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // A broken %-escape (the link was cut in the middle of one): keep the text as it is, it will not match.
  }
  return raw.replace(/\s+/g, '').replace(/[.,;:!?)\]}>'"»”’]+$/, '');
}
