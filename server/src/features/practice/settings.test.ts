import { afterEach, describe, expect, it } from 'vitest';
import type { PracticeSettingsDto } from '@tandem/shared';
import { DB_KINDS, jointSessionScenario, startTestServer, type TestServer } from '../../test/harness.js';
import { invitePerson } from './practiceFixture.js';

const SETTINGS: PracticeSettingsDto = {
  name: 'Riverside Couples Practice',
  timeZone: 'Europe/Madrid',
  language: 'es',
  defaultPolicy: 'limited-secrets',
  noteFormat: 'soap',
};

describe.each(DB_KINDS)('the practice’s settings (%s)', (db) => {
  let server: TestServer;
  afterEach(() => server.dispose());

  it('belong to the practice: the owner and an admin change them, a clinician reads them and is refused', async () => {
    server = await startTestServer({ db });
    const s = await jointSessionScenario(server);
    const { browser: bea } = await invitePerson(s.therapist, 'bea@example.org');
    const { browser: ada } = await invitePerson(s.therapist, 'ada@example.org', 'admin');

    expect(await s.therapist.ok('PUT', '/api/practice/settings', SETTINGS)).toEqual(SETTINGS);
    expect(await bea.ok('GET', '/api/practice/settings')).toEqual(SETTINGS);
    // The older name-only API reads and writes the same row.
    expect(await bea.ok('GET', '/api/account/practice')).toEqual({ practiceName: SETTINGS.name });
    expect((await bea.request('PUT', '/api/practice/settings', { ...SETTINGS, name: 'Mine' })).status).toBe(403);
    expect((await bea.request('PUT', '/api/account/practice', { practiceName: 'Mine' })).status).toBe(403);
    await ada.ok('PUT', '/api/account/practice', { practiceName: 'Riverside' });
    expect(await s.therapist.ok('GET', '/api/practice/settings')).toEqual({ ...SETTINGS, name: 'Riverside' });

    // A hostile body changes nothing.
    for (const bad of [
      { ...SETTINGS, timeZone: 'Mars/Olympus' },
      { ...SETTINGS, defaultPolicy: 'anything' },
      { ...SETTINGS, extra: 1 },
      { ...SETTINGS, name: 'x'.repeat(121) },
    ]) {
      expect((await ada.request('PUT', '/api/practice/settings', bad)).status).toBe(400);
    }
    expect(await bea.ok('GET', '/api/practice/settings')).toEqual({ ...SETTINGS, name: 'Riverside' });
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['practice.settings', 'therapist.practice_name'])
      .execute();
    expect(audit).toHaveLength(2);
  });
});
