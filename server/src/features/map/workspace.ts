import { docName } from '@tandem/shared';
import type { SessionsTable } from '../../db/schema.js';

/** The doc a session works on: the couple's map (joint) or the partner's board (individual). */
export function workspaceDocOf(session: Pick<SessionsTable, 'kind' | 'couple_id' | 'partner_id'>): string {
  return session.kind === 'individual' && session.partner_id
    ? docName({ kind: 'board', id: session.partner_id })
    : docName({ kind: 'map', id: session.couple_id });
}
