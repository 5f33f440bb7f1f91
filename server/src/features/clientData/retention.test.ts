/**
 * Retention: the owner sets N years; couples whose last session is older are listed as due, and the sweep (at start,
 * then daily) deletes exactly those, audited as automatic; a sweep another process holds is not run twice.
 * SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoupleDto, RetentionDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  startTestServer,
  type Browser,
  type TestServer,
} from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { ErasureService } from './erasure.service.js';
import { RetentionService } from './retention.service.js';

const YEAR = 365.25 * 24 * 3_600_000;

describe.each(DB_KINDS)('retention (%s)', (db) => {
  let server: TestServer;
  let therapist: Browser;
  let clock: ReturnType<typeof manualClock>;
  let old: string;
  let recent: string;

  const signIn = () =>
    therapist.ok('POST', '/api/auth/login', { email: 'rivera@example.org', password: 'correct horse battery' });
  const coupleIds = async () =>
    (await server.ctx.db.selectFrom('couples').select('id').execute()).map((r) => r.id).sort();

  beforeEach(async () => {
    clock = manualClock();
    server = await startTestServer({ db, clock });
    const s = await jointSessionScenario(server);
    therapist = s.therapist;
    old = s.couple.id;
    await therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
    clock.advance(2 * YEAR);
    await signIn();
    const couple = await therapist.ok<CoupleDto>('POST', '/api/couples', {
      name: 'Recent & Couple',
      policy: 'no-secrets',
      partners: [
        { displayName: 'Ana', language: 'es' },
        { displayName: 'Bo', language: 'en' },
      ],
    });
    recent = couple.id;
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('keeps everything by default; N years lists and deletes only the couples past them, as automatic', async () => {
    const kept = await therapist.ok<RetentionDto>('GET', '/api/practice/retention');
    expect(kept).toMatchObject({ years: null, due: [] });
    const set = await therapist.ok<RetentionDto>('PUT', '/api/practice/retention', { years: 1 });
    expect(set.due.map((d) => d.coupleId)).toEqual([old]);
    expect((await therapist.request('PUT', '/api/practice/retention', { years: 0 })).status).toBe(400);
    // The sweep runs when the server starts.
    await server.stop();
    server = await server.restart();
    // The audit entry is the sweep's last write for a couple: once it is there, the couple is gone.
    const entry = await vi.waitFor(
      async () =>
        server.ctx.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'retention.delete')
          .executeTakeFirstOrThrow(),
      { timeout: 10_000, interval: 20 },
    );
    expect(await coupleIds()).toEqual([recent]);
    expect(entry).toMatchObject({ actor_type: 'system', actor_id: null, target_id: old });
  });

  it('runs in one process at a time: a held lease is respected, two sweeps at once delete once', async () => {
    await therapist.ok('PUT', '/api/practice/retention', { years: 1 });
    const noDocs = {
      endSession: async () => undefined,
      purgeDocs: async () => undefined,
      eraseDocs: async () => ({ updates: 0, snapshots: 0 }),
    };
    const make = () => new RetentionService(server.ctx, new ErasureService(server.ctx, noDocs));
    await server.ctx.db
      .insertInto('job_claims')
      .values({
        name: 'retention_sweep',
        claimed_until: clock.now() + 3_600_000,
        claimed_by: 'another process',
        last_run_at: null,
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ claimed_until: clock.now() + 3_600_000, claimed_by: 'another process' }),
      )
      .execute();
    expect(await make().sweep()).toBe(0);
    expect(await coupleIds()).toContain(old);
    clock.advance(2 * 3_600_000);
    const [a, b] = await Promise.all([make().sweep(), make().sweep()]);
    expect(a + b).toBe(1);
    expect(await coupleIds()).toEqual([recent]);
  });

  it('is the owner’s: another clinician is refused, a partner and nobody are not signed in', async () => {
    await signIn();
    const other = await addTherapist(server, `other-${db}@example.org`);
    expect((await other.request('GET', '/api/practice/retention')).status).toBe(403);
    expect((await other.request('PUT', '/api/practice/retention', { years: 1 })).status).toBe(403);
    const nobody = new (other.constructor as new (url: string) => Browser)(server.url);
    expect((await nobody.request('PUT', '/api/practice/retention', { years: 1 })).status).toBe(401);
    expect((await therapist.ok<RetentionDto>('GET', '/api/practice/retention')).years).toBeNull();
  });
});
