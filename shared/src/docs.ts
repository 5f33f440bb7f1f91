/**
 * Yjs document names. A name encodes its audience, and the server authorizes every connection by it:
 *   map.<coupleId>        the couple's conflict-cycle map          audience: room (the couple's joint sessions)
 *   board.<partnerId>     a partner's individual-session board     audience: partner:<id>
 *   panel.<partnerId>     a partner's private panel (notes, prep)  audience: partner:<id>
 *   notes.<sessionId>     the therapist's notes of one session     audience: therapist
 * Clients connect to `/collab/<name>?session=<sessionId>`.
 */
export const DOC_KINDS = ['map', 'board', 'panel', 'notes'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocRef {
  kind: DocKind;
  /** coupleId for `map`, partnerId for `board` and `panel`, sessionId for `notes`. */
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function docName(ref: DocRef): string {
  return `${ref.kind}.${ref.id}`;
}

/** Parses a doc name; null when it is not one of ours (a forged or malformed name). */
export function parseDocName(name: string): DocRef | null {
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const kind = name.slice(0, dot);
  const id = name.slice(dot + 1);
  if (!(DOC_KINDS as readonly string[]).includes(kind) || !UUID.test(id)) return null;
  return { kind: kind as DocKind, id };
}

export const COLLAB_PATH = '/collab';
