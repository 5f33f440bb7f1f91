/** Set-up for the history's journeys: two ended sessions whose maps differ, written by a Node-side Yjs client. */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_PATH, docName, type CreatedSessionDto } from '@tandem/shared';
import type { RunningApp } from './app.js';
import { api, type Scenario } from './scenario.js';

const until = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

function mapClient(app: RunningApp, s: Scenario) {
  const headers = { cookie: s.therapistCookie, origin: app.url };
  const Socket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    app.url.replace(/^http/, 'ws') + COLLAB_PATH,
    docName({ kind: 'map', id: s.couple.id }),
    doc,
    { WebSocketPolyfill: Socket as never, disableBc: true },
  );
  return { doc, provider };
}

const nodes = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');

function card(doc: Y.Doc, id: string, side: 'a' | 'b' | 'shared', kind: string, label: string, x: number, y: number) {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries({ kind, side, label, x, y })) m.set(k, v);
  nodes(doc).set(id, m);
}

/** Until a fresh client reads exactly these labels from the server. */
async function serverHas(app: RunningApp, s: Scenario, labels: string[]): Promise<void> {
  const fresh = mapClient(app, s);
  try {
    const want = [...labels].sort().join('|');
    await until(
      () =>
        fresh.provider.synced &&
        [...nodes(fresh.doc).values()]
          .map((m) => String(m.get('label')))
          .sort()
          .join('|') === want,
      'the server’s map',
    );
  } finally {
    fresh.provider.destroy();
    fresh.doc.destroy();
  }
}

export const HISTORY_WORDS = {
  ask: 'Alex asks to talk about the week',
  quiet: 'Sam goes quiet',
  quietAfter: 'Sam goes quiet, heart racing',
  door: 'Sam leaves the room',
  fear: 'Afraid of being alone',
};

/**
 * The first session (the scenario's) ends with three cards; a second, "Second session", ends with one card's
 * words changed, one removed and one added. Returns the second session's id.
 */
export async function twoEndedSessions(app: RunningApp, s: Scenario): Promise<string> {
  const w = HISTORY_WORDS;
  const c = mapClient(app, s);
  try {
    await until(() => c.provider.synced, 'sync');
    c.doc.transact(() => {
      card(c.doc, 'ask', 'a', 'trigger', w.ask, 0, 0);
      card(c.doc, 'quiet', 'b', 'action', w.quiet, 320, 0);
      card(c.doc, 'door', 'b', 'action', w.door, 320, 160);
    });
    await serverHas(app, s, [w.ask, w.quiet, w.door]);
    await api(app, 'POST', `/sessions/${s.session.session.id}/end`, undefined, s.therapistCookie);
    const second = (
      await api<CreatedSessionDto>(
        app,
        'POST',
        '/sessions',
        { coupleId: s.couple.id, kind: 'joint', title: 'Second session' },
        s.therapistCookie,
      )
    ).data.session.id;
    c.doc.transact(() => {
      nodes(c.doc).get('quiet')?.set('label', w.quietAfter);
      nodes(c.doc).delete('door');
      card(c.doc, 'fear', 'a', 'need', w.fear, 0, 160);
    });
    await serverHas(app, s, [w.ask, w.quietAfter, w.fear]);
    await api(app, 'POST', `/sessions/${second}/end`, undefined, s.therapistCookie);
    return second;
  } finally {
    c.provider.destroy();
    c.doc.destroy();
  }
}
