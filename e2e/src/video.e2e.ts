/**
 * Video between three people, each in their own Chromium context with fake camera and microphone:
 * the full mesh, mute, a breakout with Alex while Sam waits on hold, the mesh restored, and a reload.
 * No ICE servers are configured, so nothing leaves the machine (host candidates on loopback only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CoupleDto, CreatedSessionDto, IceConfigDto } from '@tandem/shared';
import { E2E_SETUP_TOKEN, startApp, type RunningApp } from './app.js';
import {
  DESKTOP,
  PHONE,
  launchChromium,
  newActor,
  screenshot,
  seriousA11yViolations,
  type Actor,
  POLL,
} from './browser.js';

// A bound for a loaded machine (two e2e files run at once; a mesh renegotiates after a reload), not a wait.

describe('video for a joint session', () => {
  let app: RunningApp;
  let browser: Browser;
  let therapist: Actor;
  let alex: Actor;
  let sam: Actor;
  let roomUrl = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    therapist = await newActor(browser, 'therapist', { baseURL: app.url });
    alex = await newActor(browser, 'alex', { baseURL: app.url });
    sam = await newActor(browser, 'sam', { baseURL: app.url, viewport: PHONE });
    for (const actor of [therapist, alex, sam]) await actor.context.addInitScript(trackPeerConnections);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('lets all three join the call and see two remote videos playing', async () => {
    const api = therapist.context.request;
    const json = async <T>(res: { json(): Promise<unknown> }) => ((await res.json()) as { data: T }).data;
    await api.post('/api/setup', {
      data: {
        name: 'Dr Rivera',
        email: 'rivera@example.org',
        password: 'correct horse battery',
        setupToken: E2E_SETUP_TOKEN,
      },
    });
    const couple = await json<CoupleDto>(
      await api.post('/api/couples', {
        data: {
          name: 'Alex & Sam',
          policy: 'no-secrets',
          partners: [
            { displayName: 'Alex', language: 'en' },
            { displayName: 'Sam', language: 'en' },
          ],
        },
      }),
    );
    const created = await json<CreatedSessionDto>(
      await api.post('/api/sessions', { data: { coupleId: couple.id, kind: 'joint' } }),
    );
    roomUrl = `/sessions/${created.session.id}`;
    await therapist.page.goto(roomUrl);
    await therapist.page.getByRole('list', { name: 'People in this session' }).waitFor();

    for (const [actor, i] of [
      [alex, 0],
      [sam, 1],
    ] as const) {
      const invite = created.invites.find((inv) => inv.partnerId === couple.partners[i]?.id);
      await actor.page.goto(invite?.url ?? '');
      await actor.page.getByRole('button', { name: 'I understand' }).click();
      await actor.page.getByText('Your therapist will let you in').waitFor();
    }
    await therapist.page.getByRole('button', { name: 'Admit Alex' }).click();
    await therapist.page.getByRole('button', { name: 'Admit Sam' }).click();

    // No ICE servers by default: nothing off the machine.
    const ice = await json<IceConfigDto>(await alex.context.request.get(`/api/sessions/${created.session.id}/ice`));
    expect(ice.iceServers).toEqual([]);

    for (const actor of [therapist, alex, sam]) {
      const join = actor.page.getByRole('button', { name: 'Join the call' });
      await join.waitFor();
      await expect.poll(() => join.isEnabled(), POLL).toBe(true);
      await join.click();
    }
    for (const actor of [therapist, alex, sam]) {
      await expect.poll(() => playingRemoteVideos(actor.page), POLL).toBe(2);
    }
    await screenshot(therapist.page, 'video-room-1280');
    await screenshot(sam.page, 'video-room-375');
  });

  it('shows Alex as muted on the others when Alex mutes', async () => {
    await alex.page.getByRole('button', { name: 'Mute' }).click();
    expect(await alex.page.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
    for (const actor of [therapist, sam]) {
      await expect.poll(() => tileAttr(actor.page, 'Alex', 'data-mic'), POLL).toBe('off');
    }
    await alex.page.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => tileAttr(sam.page, 'Alex', 'data-mic'), POLL).toBe('on');
  });

  it('puts Sam on hold with no open connection while the therapist talks privately with Alex', async () => {
    const { page } = therapist;
    await page.getByRole('button', { name: 'Talk privately with Alex' }).click();
    const dialog = page.getByRole('dialog', { name: 'Talk privately with Alex?' });
    await dialog.getByLabel('Message for the partner on hold (optional)').fill('We will be back in a few minutes.');
    await dialog.getByRole('button', { name: 'Start private talk' }).click();

    await sam.page.getByText('A short private moment').waitFor();
    await sam.page.getByText('We will be back in a few minutes.').waitFor();
    await expect.poll(() => openPeerConnections(sam.page), POLL).toBe(0);
    await expect.poll(() => playingRemoteVideos(therapist.page), POLL).toBe(1);
    await expect.poll(() => playingRemoteVideos(alex.page), POLL).toBe(1);
    expect(await tileAttr(therapist.page, 'Alex', 'data-peer-state')).toBe('connected');
    expect(await openPeerConnections(therapist.page)).toBe(1);
    expect(await openPeerConnections(alex.page)).toBe(1);
    await screenshot(sam.page, 'video-hold-375');
    await sam.page.setViewportSize(DESKTOP);
    await screenshot(sam.page, 'video-hold-1280');
    expect(await seriousA11yViolations(sam.page)).toEqual([]);
    await sam.page.setViewportSize(PHONE);
  });

  it('restores the full mesh when the breakout ends', async () => {
    await therapist.page.getByRole('button', { name: 'Bring everyone back' }).click();
    await sam.page.getByRole('button', { name: 'Mute' }).waitFor();
    for (const actor of [therapist, alex, sam]) {
      await expect.poll(() => playingRemoteVideos(actor.page), POLL).toBe(2);
    }
    expect(await seriousA11yViolations(therapist.page)).toEqual([]);
  });

  it('shows the pinned person large in the speaker view, the others and the self view small', async () => {
    const { page } = therapist;
    const width = (name: string) => tileBox(page, name).then((b) => b.width);
    const speakerView = page.getByRole('button', { name: 'Speaker view' });
    expect(await speakerView.getAttribute('aria-pressed')).toBe('false');
    // Gallery: Alex and Sam at one size, the self view smaller.
    expect(Math.abs((await width('Alex')) - (await width('Sam')))).toBeLessThan(2);
    expect(await width('Dr Rivera')).toBeLessThan(await width('Alex'));

    await page.getByRole('button', { name: 'Pin Sam' }).click();
    await page.getByRole('button', { name: 'Unpin Sam' }).waitFor();
    expect(await speakerView.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await width('Sam')) / (await width('Alex')), POLL).toBeGreaterThan(1.5);
    expect(await width('Sam')).toBeGreaterThan(1.5 * (await width('Dr Rivera')));
    const samBox = await tileBox(page, 'Sam');
    expect(samBox.y).toBeLessThan((await tileBox(page, 'Alex')).y);
    // The fake microphones beep: whoever speaks, the pinned person stays large.
    await expect.poll(() => speakingTiles(page), POLL).not.toEqual([]);
    expect(await width('Sam')).toBeGreaterThan(1.5 * (await width('Alex')));
    // The view is remembered on this device.
    expect(await page.evaluate(() => localStorage.getItem('tandem:video-view'))).toBe('speaker');

    await page.getByRole('button', { name: 'Unpin Sam' }).click();
    await page.getByRole('button', { name: 'Pin Sam' }).waitFor();
    await speakerView.click();
    await expect.poll(async () => Math.abs((await width('Alex')) - (await width('Sam'))), POLL).toBeLessThan(2);
    await screenshot(page, 'video-gallery-1280');
  });

  it('puts the video in full screen, left by Escape or by its own button', async () => {
    const { page } = therapist;
    const fullscreen = () => page.evaluate(() => document.fullscreenElement?.className ?? null);
    await page.getByRole('button', { name: 'Full screen', exact: true }).click();
    await expect.poll(fullscreen, POLL).toBe('video-call');
    await page.getByRole('button', { name: 'Exit full screen' }).waitFor();
    // Every face on screen, the self view in its own corner.
    const size = page.viewportSize() ?? DESKTOP;
    for (const name of ['Alex', 'Sam', 'Dr Rivera']) {
      const b = await tileBox(page, name);
      expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= size.width && b.y + b.height <= size.height).toBe(true);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'video-fullscreen-1280');
    await page.keyboard.press('Escape');
    await expect.poll(fullscreen, POLL).toBeNull();
    await page.getByRole('button', { name: 'Exit full screen' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Full screen', exact: true }).click();
    await expect.poll(fullscreen, POLL).toBe('video-call');
    await page.getByRole('button', { name: 'Exit full screen' }).click();
    await expect.poll(fullscreen, POLL).toBeNull();
  });

  it('has no serious accessibility violations with the view, pin and full-screen controls, in English and Spanish', async () => {
    const { page } = therapist;
    await page.getByRole('button', { name: 'Pin Alex' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Español', exact: true }).click();
    await page.getByRole('button', { name: 'Dejar de fijar a Alex' }).waitFor();
    await page.getByRole('button', { name: 'Vista de orador' }).waitFor();
    await page.getByRole('button', { name: 'Pantalla completa' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Dejar de fijar a Alex' }).click();
    await page.getByRole('button', { name: 'Vista de orador' }).click();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Pin Alex' }).waitFor();
  });

  it('brings Sam back into the mesh after a reload', async () => {
    await sam.page.reload();
    for (const actor of [therapist, alex, sam]) {
      await expect.poll(() => playingRemoteVideos(actor.page), POLL).toBe(2);
    }
    for (const actor of [therapist, alex, sam]) {
      expect(actor.errors).toEqual([]);
      expect(actor.missingKeys).toEqual([]);
    }
  });

  it('brings the therapist out of full screen when a partner leaves by quick exit, so the alert is seen', async () => {
    const { page } = therapist;
    const fullscreen = () => page.evaluate(() => document.fullscreenElement?.className ?? null);
    await page.getByRole('button', { name: 'Full screen', exact: true }).click();
    await expect.poll(fullscreen, POLL).toBe('video-call');
    for (let i = 0; i < 3; i++) await alex.page.locator('body').press('Escape');
    await alex.page.waitForURL('**/neutral.html');
    await page.getByRole('alert').filter({ hasText: 'Alex left with quick exit' }).waitFor();
    expect(await fullscreen()).toBeNull();
  });
});

/** Records every RTCPeerConnection the page creates (runs before the app). */
function trackPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  (window as unknown as { __allPeerConnections: RTCPeerConnection[] }).__allPeerConnections = all;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      all.push(this);
    }
  } as typeof RTCPeerConnection;
}

function openPeerConnections(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { __allPeerConnections: RTCPeerConnection[] }).__allPeerConnections.filter(
        (pc) => pc.connectionState !== 'closed' && pc.connectionState !== 'failed',
      ).length,
  );
}

/** Remote videos with a picture that is playing: each presents a new frame (a 2 s bound for one that is not). */
function playingRemoteVideos(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const videos = [...document.querySelectorAll<HTMLVideoElement>('figure.tile:not([data-self]) video')].filter(
      (v) => !v.hidden && v.videoWidth > 0,
    );
    const presented = await Promise.all(
      videos.map(
        (v) =>
          new Promise<boolean>((resolve) => {
            const bound = setTimeout(() => resolve(false), 2000);
            v.requestVideoFrameCallback(() => {
              clearTimeout(bound);
              resolve(true);
            });
          }),
      ),
    );
    return presented.filter(Boolean).length;
  });
}

async function tileBox(page: Page, name: string) {
  const box = await page.locator(`figure.tile[data-person="${name}"]`).boundingBox({ timeout: 10_000 });
  if (!box) throw new Error(`no tile for ${name}`);
  return box;
}

function speakingTiles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.tile[data-speaking]:not([data-self])')].map(
      (el) => el.getAttribute('data-person') ?? '',
    ),
  );
}

function tileAttr(page: Page, name: string, attr: string): Promise<string | null> {
  return page.locator(`figure.tile[data-person="${name}"]:not([data-self])`).getAttribute(attr, { timeout: 10_000 });
}
