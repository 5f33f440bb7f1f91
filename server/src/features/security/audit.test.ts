import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AuditPageDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  startTestServer,
  type Browser,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { csvCell, toCsv } from './csv.js';

/** Reads CSV as RFC 4180 has it (quoted fields with doubled quotes, CRLF rows): the test's own small parser. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(null)).toBe('');
    expect(parseCsv(toCsv([['a,b', 'c"d', 'e\r\nf', '=1+1']]))).toEqual([['a,b', 'c"d', 'e\r\nf', "'=1+1"]]);
  });
});

describe.each(DB_KINDS)('the audit log, as the owner reads it (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let owner: Browser;
  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    owner = s.therapist;
  });
  afterEach(async () => {
    await server.dispose();
  });

  const at = Date.UTC(2026, 0, 10);
  const insert = (rows: { action: string; actorId?: string; sessionId?: string; targetId?: string; at: number }[]) =>
    server.ctx.db
      .insertInto('audit_log')
      .values(
        rows.map((r) => ({
          id: randomUUID(),
          at: r.at,
          actor_type: 'therapist' as const,
          actor_id: r.actorId ?? null,
          action: r.action,
          session_id: r.sessionId ?? null,
          target_id: r.targetId ?? null,
        })),
      )
      .execute();
  const page = (query: string) => owner.ok<AuditPageDto>('GET', `/api/audit?${query}`);

  it('is the owner’s only: another therapist is refused, and a signed-out visitor asked to sign in', async () => {
    const other = await addTherapist(server);
    expect((await other.request('GET', '/api/audit')).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await other.request('GET', '/api/audit.csv')).status).toBe(403);
    expect((await s.partnerA.request('GET', '/api/audit')).status).toBe(401);
  });

  it('filters by person, couple, action and date range, and pages 50 at a time, newest first', async () => {
    const me = await owner.ok<{ id: string }>('GET', '/api/auth/me');
    const [alex] = s.couple.partners;
    const otherCouple = randomUUID();
    await insert(
      Array.from({ length: 120 }, (_, i) => ({
        action: i % 2 ? 'record.view' : 'history.view',
        actorId: me.id,
        sessionId: i < 30 ? s.sessionId : undefined,
        targetId: i >= 30 && i < 40 ? otherCouple : undefined,
        at: at + i * 60_000,
      })),
    );
    await insert([{ action: 'invite.redeem', actorId: alex?.id, at: at + 500 * 60_000 }]);
    const range = `from=${at}&to=${at + 1000 * 60_000}`;
    const first = await page(range);
    expect(first).toMatchObject({ page: 1, pageSize: 50, total: 121 });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]?.action).toBe('invite.redeem');
    const third = await page(`${range}&page=3`);
    expect(third.rows).toHaveLength(21);
    expect(third.rows.at(-1)?.at).toBe(new Date(at).toISOString());
    // Pages do not overlap and hold every row.
    const second = await page(`${range}&page=2`);
    const ids = new Set([...first.rows, ...second.rows, ...third.rows].map((r) => r.id));
    expect(ids.size).toBe(121);
    expect((await page(`${range}&action=record.view`)).total).toBe(60);
    expect((await page(`${range}&person=${alex?.id ?? ''}`)).total).toBe(1);
    // The couple: its sessions' rows and its partners' own (30 + 1); the other couple's rows are not among them.
    expect((await page(`${range}&couple=${s.couple.id}`)).total).toBe(31);
    expect((await page(`${range}&couple=${otherCouple}`)).total).toBe(10);
    expect((await page(`from=${at + 100 * 60_000}&to=${at + 110 * 60_000}`)).total).toBe(10);
    expect(first.actions).toEqual(expect.arrayContaining(['record.view', 'history.view', 'invite.redeem']));
    expect(first.people.map((p) => p.id)).toEqual(expect.arrayContaining([me.id, alex?.id]));
    expect(first.couples).toEqual([{ id: s.couple.id, name: 'Alex & Sam' }]);
  });

  it('refuses malformed filters with a typed error', async () => {
    for (const q of ['person=bob', 'page=0', 'page=99999', 'from=soon', 'action=DROP%20TABLE', 'extra=1']) {
      const res = await owner.request('GET', `/api/audit?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body, q).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('exports the filtered rows as CSV, oldest first, with hostile values escaped and defused', async () => {
    await insert([
      { action: 'record.view', targetId: '=cmd|" /C calc"!A0', at },
      { action: 'record.view', targetId: 'a,b\nc', at: at + 1 },
      { action: 'history.view', targetId: 'x', at: at + 2 },
    ]);
    const res = await fetch(`${server.url}/api/audit.csv?action=record.view`, {
      headers: { cookie: owner.cookieHeader, origin: server.url },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['time', 'actor_type', 'actor_id', 'action', 'session_id', 'target_id']);
    expect(rows.slice(1).map((r) => r[5])).toEqual([`'=cmd|" /C calc"!A0`, 'a,b\nc']);
    expect(rows[1]?.[0]).toBe(new Date(at).toISOString());
    const actions = await server.ctx.db.selectFrom('audit_log').select('action').execute();
    expect(actions.map((a) => a.action)).toContain('audit.export');
  });
});
