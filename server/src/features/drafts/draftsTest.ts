/** Helpers for the drafting tests: a partner's drafting calls, the couple's map as stored, a doc client's frames. */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { docName, type DraftKind, type DraftsState, type PartnerDrafts } from '@tandem/shared';
import { call, type ClientSocket, type TestServer } from '../../test/harness.js';
import type { CollabClient } from '../../test/collab.js';

export async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const res = await p;
  expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
  return res.data as T;
}

export const openRound = (therapist: ClientSocket) => ok<DraftsState>(call(therapist, 'drafts:open', {}));

export const draft = (partner: ClientSocket, kind: DraftKind, text: string, id?: string) =>
  ok<PartnerDrafts>(call(partner, 'drafts:save', { kind, text, ...(id ? { id } : {}) }));

export const askReveal = (therapist: ClientSocket, partnerId: string, cardIds: string[]) =>
  ok<DraftsState>(call(therapist, 'drafts:reveal', { partnerId, cardIds }));

/** The couple's map as the server holds it (its full Yjs state) and its cards. */
export async function storedMap(server: TestServer, coupleId: string) {
  const name = docName({ kind: 'map', id: coupleId });
  return server.collab.withDoc(name, (d) => ({
    state: Buffer.from(Y.encodeStateAsUpdate(d)).toString('base64'),
    labels: [...d.getMap<Y.Map<unknown>>('nodes').values()].map((m) => m.toJSON() as Record<string, unknown>),
  }));
}

/** Every binary frame a doc client receives from the server (to byte-search them). */
export function frameLog(c: CollabClient) {
  const frames: Buffer[] = [];
  c.provider.ws?.addEventListener('message', (e: { data: unknown }) => {
    frames.push(Buffer.from(e.data as ArrayBuffer));
  });
  return { frames, mark: () => frames.length, since: (m: number) => frames.slice(m) };
}
