/** Fast set-up through the REST API (what the journey test does by hand), then people in their own contexts. */
import type { Browser, Page } from 'playwright-core';
import type { CoupleDto, CreatedSessionDto, IssuedCaseLinkDto, Result } from '@tandem/shared';
import { E2E_SETUP_TOKEN, type RunningApp } from './app.js';
import { PHONE, newActor, type Actor } from './browser.js';

export interface Scenario {
  therapist: Actor;
  alex: Actor;
  sam: Actor;
  couple: CoupleDto;
  session: CreatedSessionDto;
  therapistCookie: string;
  inviteFor(name: 'Alex' | 'Sam'): string;
}

export async function api<T>(app: RunningApp, method: string, path: string, body?: unknown, cookie?: string) {
  const res = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { origin: app.url, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Result<T>;
  if (!json.ok) throw new Error(`${method} ${path}: ${json.error.code} ${json.error.message}`);
  return { data: json.data, setCookie: res.headers.getSetCookie() };
}

/** A therapist account (first run or sign-in), a couple Alex & Sam, and a new joint session. */
export async function jointSession(app: RunningApp, browser: Browser): Promise<Scenario> {
  const setup = await api<{ needsSetup: boolean }>(app, 'GET', '/setup');
  const creds = { email: 'rivera@example.org', password: 'correct horse battery' };
  const signed = setup.data.needsSetup
    ? await api(app, 'POST', '/setup', { name: 'Dr Rivera', ...creds, setupToken: E2E_SETUP_TOKEN })
    : await api(app, 'POST', '/auth/login', creds);
  const token = signed.setCookie.map((c) => /^tandem_session=([^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!token) throw new Error('no session cookie');
  const cookie = `tandem_session=${token}`;
  const couples = await api<CoupleDto[]>(app, 'GET', '/couples', undefined, cookie);
  const couple =
    couples.data[0] ??
    (
      await api<CoupleDto>(
        app,
        'POST',
        '/couples',
        {
          name: 'Alex & Sam',
          policy: 'no-secrets',
          partners: [
            { displayName: 'Alex', language: 'en' },
            { displayName: 'Sam', language: 'en' },
          ],
        },
        cookie,
      )
    ).data;
  const session = (
    await api<CreatedSessionDto>(app, 'POST', '/sessions', { coupleId: couple.id, kind: 'joint' }, cookie)
  ).data;
  const therapist = await newActor(browser, 'therapist', { baseURL: app.url });
  await therapist.context.addCookies([{ name: 'tandem_session', value: token, url: app.url }]);
  const alex = await newActor(browser, 'alex', { baseURL: app.url });
  const sam = await newActor(browser, 'sam', { baseURL: app.url, viewport: PHONE });
  return {
    therapist,
    alex,
    sam,
    couple,
    session,
    therapistCookie: cookie,
    inviteFor(name) {
      const partner = couple.partners.find((p) => p.displayName === name);
      const invite = session.invites.find((i) => i.partnerId === partner?.id);
      if (!invite) throw new Error(`no invite for ${name}`);
      return invite.url;
    },
  };
}

/** The therapist opens the room, both partners open their links, and the therapist admits them. */
export async function everyoneInTheRoom(s: Scenario): Promise<void> {
  await s.therapist.page.goto(`/sessions/${s.session.session.id}`);
  for (const [actor, name] of [
    [s.alex, 'Alex'],
    [s.sam, 'Sam'],
  ] as const) {
    await actor.page.goto(s.inviteFor(name));
    await actor.page.getByRole('button', { name: 'I understand' }).click();
    await s.therapist.page.getByRole('button', { name: `Admit ${name}` }).click();
  }
  for (const actor of [s.therapist, s.alex, s.sam]) {
    await actor.page.getByRole('heading', { name: 'Shared workspace' }).waitFor();
  }
}

/** The therapist inserts the cycle template, waits until the map is saved, ends the session and opens its record. */
export async function endWithTemplateAndOpenRecord(t: Page): Promise<void> {
  await t.getByRole('button', { name: 'Insert template' }).click();
  await t
    .locator('.room-workspace')
    .getByRole('status')
    .filter({ hasText: 'All changes saved' })
    .waitFor({ timeout: 15_000 });
  await t.getByRole('button', { name: 'End session' }).click();
  await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
  await t.getByRole('link', { name: 'Open the session record' }).click();
}

/** A partner's case cookie (`name=value`): the therapist issues their personal link, it is opened, the policy read. */
export async function caseCookie(app: RunningApp, coupleId: string, partnerId: string, therapistCookie: string) {
  const link = await api<IssuedCaseLinkDto>(
    app,
    'POST',
    `/couples/${coupleId}/case-links/${partnerId}`,
    undefined,
    therapistCookie,
  );
  const r = await api(app, 'POST', '/me/redeem', { token: link.data.url.split('#')[1] });
  const cookie = r.setCookie[0]!.split(';')[0]!;
  // The confidentiality policy read once (its own screen has its own pictures): the page itself opens.
  await api(app, 'POST', '/me/policy/acknowledge', { version: 1 }, cookie);
  return cookie;
}
