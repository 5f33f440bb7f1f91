/** Test helpers for the client's data: every table as searchable text, an export archive unpacked. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import type { Db } from '../../db/database.js';

const run = promisify(execFile);

/** Each table's rows as one string (binary columns, e.g. Yjs updates, as their bytes read as UTF-8). */
export async function tableTexts(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith('kysely_')) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    const text = rows
      .map((row) =>
        Object.values(row)
          .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v)))
          .join('\u0001'),
      )
      .join('\n');
    out.set(table.name, text);
  }
  return out;
}

/** The tables (besides the audit log) in which any of `needles` still appears. */
export async function tablesHolding(db: Db, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [table, text] of await tableTexts(db)) {
    if (table === 'audit_log') continue;
    for (const n of needles) if (text.includes(n)) found.push(`${table}: ${n}`);
  }
  return found;
}

/** An export's files: every file's bytes as text, and the PDF's text as pdftotext (poppler) reads it. */
export async function unpackExport(zip: Uint8Array): Promise<{ files: Record<string, string>; pdfText: string }> {
  const entries = unzipSync(zip);
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(entries)) files[name] = strFromU8(bytes);
  const pdf = entries['tandem-data.pdf'];
  if (!pdf) throw new Error('the archive has no PDF');
  const dir = mkdtempSync(join(tmpdir(), 'tandem-export-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'x.pdf'), '-']);
    return { files, pdfText: stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
