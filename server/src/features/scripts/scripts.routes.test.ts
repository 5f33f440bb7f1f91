import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptDto } from '@tandem/shared';
import { Browser, DB_KINDS, jointSessionScenario, startTestServer, type TestServer } from '../../test/harness.js';

describe.each(DB_KINDS)('a therapist’s own scripts over /api/scripts (%s)', (db) => {
  let server: TestServer;
  let therapist: Browser;
  beforeEach(async () => {
    server = await startTestServer({ db });
    therapist = (await jointSessionScenario(server)).therapist;
  });
  afterEach(() => server.dispose());

  it('lists the built-ins, duplicates one, edits the copy and deletes it', async () => {
    const list = await therapist.ok<ScriptDto[]>('GET', '/api/scripts');
    expect(list.filter((s) => s.builtin)).toHaveLength(5);
    const original = list.find((s) => s.id === 'softened-startup')!;
    const content = { ...original.contents.es!, name: 'Mi inicio suave' };
    const copy = await therapist.ok<ScriptDto>('POST', '/api/scripts', { language: 'es', content });
    expect(copy).toMatchObject({ builtin: false, language: 'es', contents: { es: { name: 'Mi inicio suave' } } });
    const edited = await therapist.ok<ScriptDto>('PUT', `/api/scripts/${copy.id}`, {
      language: 'es',
      content: { ...content, steps: content.steps.map((s) => ({ ...s, seconds: 180 })) },
    });
    expect(edited.contents.es?.steps.every((s) => s.seconds === 180)).toBe(true);
    await therapist.ok('DELETE', `/api/scripts/${copy.id}`);
    expect((await therapist.ok<ScriptDto[]>('GET', '/api/scripts')).some((s) => s.id === copy.id)).toBe(false);
  });

  it('refuses invalid scripts, changes to built-ins and strangers', async () => {
    const base = (await therapist.ok<ScriptDto>('GET', '/api/scripts/repair')).contents.en!;
    const bad = await therapist.request('POST', '/api/scripts', {
      language: 'en',
      content: { ...base, steps: [{ ...base.steps[0], turn: 'nobody' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(bad.body.ok ? '' : bad.body.error.message).toContain('steps.0.turn');
    const builtin = await therapist.request('PUT', '/api/scripts/repair', { language: 'en', content: base });
    expect(builtin.status).toBe(403);
    const mine = await therapist.ok<ScriptDto>('POST', '/api/scripts', { language: 'en', content: base });
    const stranger = new Browser(server.url);
    expect((await stranger.request('GET', '/api/scripts')).status).toBe(401);
    expect((await stranger.request('GET', `/api/scripts/${mine.id}`)).status).toBe(401);
  });
});
