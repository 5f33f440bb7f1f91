/**
 * The SQLite file under DATA_DIR: created private to the server's user (directory 0700, database and its
 * -wal/-shm 0600; SQLite gives the journal files the database file's mode), and watched, so that a file deleted
 * or replaced under the running server turns health to 503 instead of writing into an unlinked inode.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Logger } from '../lib/logger.js';

export const SQLITE_FILE_NAME = 'tandem.sqlite';
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export interface SqliteFile {
  path: string;
  db: SQLite.Database;
  /** False once the file at `path` is gone or is not the one we opened. */
  stillThere(): boolean;
}

function ensurePrivateDir(dir: string, logger: Logger): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    fs.chmodSync(dir, DIR_MODE); // exact, whatever the umask
    return;
  }
  // An existing directory may be shared on purpose (a mount): say so, do not change it.
  if ((fs.statSync(dir).mode & 0o077) !== 0) {
    logger.warn({ mode: (fs.statSync(dir).mode & 0o777).toString(8) }, 'DATA_DIR is open to other users; chmod 700 it');
  }
}

function restrictFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, FILE_MODE);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
  }
}

export function openSqliteFile(dataDir: string, logger: Logger): SqliteFile {
  ensurePrivateDir(dataDir, logger);
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  // Create it 0600 before SQLite does (SQLite would create it 0644 under the usual umask), then tighten files
  // left by an older version.
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
  restrictFiles(file);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  restrictFiles(file);
  const opened = fs.statSync(file);
  return {
    path: file,
    db,
    stillThere() {
      try {
        const now = fs.statSync(file);
        return now.ino === opened.ino && now.dev === opened.dev;
      } catch {
        return false;
      }
    },
  };
}
