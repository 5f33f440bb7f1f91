/**
 * SQLite WAL checkpoints off the event loop. A checkpoint copies the WAL into the database file and fsyncs it;
 * done by the writing connection (SQLite's default auto-checkpoint) it stalls every request for tens of ms.
 * Here a worker thread with its own connection runs PASSIVE checkpoints (they never block the writer), and the
 * main connection's auto-checkpoint is turned off.
 */
import { Worker } from 'node:worker_threads';
import type { Database as SQLiteDatabase } from 'better-sqlite3';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.postMessage('stopped');
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  main: SQLiteDatabase,
  file: string,
  driverPath: string,
  everyMs = 1000,
): Checkpointer {
  main.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, everyMs } });
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    // Without the worker, fall back to SQLite's own checkpoints.
    failed = true;
    main.pragma('wal_autocheckpoint = 1000');
  });
  return {
    async stop() {
      if (failed) return;
      const done = new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}
