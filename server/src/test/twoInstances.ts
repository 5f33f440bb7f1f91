/**
 * Two Tandem instances in this process on one PostgreSQL schema, as two processes of one practice would run (no
 * Redis: each instance's Socket.IO and Yjs clients are its own), for what must hold across processes (issue 17).
 */
import * as Y from 'yjs';
import { startTandem, type Tandem } from '../app.js';
import { createLogger } from '../lib/logger.js';
import { startTestServer, type TestServer } from './harness.js';

export interface TwoInstances {
  one: TestServer;
  two: Tandem;
  dispose(): Promise<void>;
}

export async function twoInstances(): Promise<TwoInstances> {
  const one = await startTestServer({ db: 'postgres' });
  const two = await startTandem({ ...one.config, port: 0 }, { logger: createLogger('silent') });
  return {
    one,
    two,
    async dispose() {
      await two.close();
      await one.dispose();
    },
  };
}

/** A doc as storage holds it (snapshot and log), read through an instance's store. */
export async function storedDoc(instance: Pick<Tandem, 'collabStore'>, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await instance.collabStore.load(name)) Y.applyUpdate(doc, u);
  return doc;
}
