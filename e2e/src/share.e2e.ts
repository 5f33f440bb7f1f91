/** "Share with the room" is the server's act: a refused share leaves nothing behind on any device (issue 11, item 7). */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_PATH, docName } from '@tandem/shared';
import type { RunningApp } from './app.js';
import { screenshot, POLL } from './browser.js';
import { roomFixture } from './fixture.js';
import { type Scenario } from './scenario.js';

const WORDS = 'I want us to slow down before bed';
const cardTexts = async (page: Page) => (await page.locator('.cycle-node .cycle-node-label').allInnerTexts()).sort();

/** The map as the server holds it: a fresh Yjs client with the therapist's cookie and nothing local. */
async function serverCards(app: RunningApp, s: Scenario): Promise<string[]> {
  const headers = { cookie: s.therapistCookie, origin: app.url };
  const Socket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
  const doc = new Y.Doc();
  const url = app.url.replace(/^http/, 'ws') + COLLAB_PATH;
  const provider = new WebsocketProvider(url, docName({ kind: 'map', id: s.couple.id }), doc, {
    WebSocketPolyfill: Socket as never,
    disableBc: true,
  });
  try {
    await expect.poll(() => provider.synced, POLL).toBe(true);
    const labels = [...doc.getMap<Y.Map<unknown>>('nodes').values()].map((m) => String(m.get('label') ?? ''));
    return labels.sort();
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

describe('share with the room', () => {
  const s = roomFixture(async (s) => {
    // Sam is on a phone: the room opens on the call and the map as a list; these checks read the canvas.
    await s.sam.page.getByRole('tab', { name: /^(Map|Mapa)/ }).click();
    await s.sam.page.getByRole('radio', { name: /^(Canvas|Lienzo)$/ }).click();
  });

  it('a refused share leaves every map equal to the server’s, also after the partner reloads; once unlocked it arrives', async () => {
    const t = s.therapist.page;
    const a = s.alex.page;
    await t.getByRole('button', { name: 'Insert template' }).click();
    await expect.poll(() => cardTexts(a), POLL).toContain('Alex criticises, pushes, follows');
    const lockToggle = t.getByRole('button', { name: /^(Lock|Unlock) the map$/ });
    await lockToggle.click();
    await a.getByText('The therapist has locked the map for now.').waitFor();

    await a.getByLabel('One thing I want my partner to hear').fill(WORDS);
    await a.getByRole('button', { name: 'Share with the room…' }).first().click();
    const dialog = a.getByRole('alertdialog');
    await expect.poll(() => dialog.locator('blockquote').innerText(), POLL).toBe(WORDS);
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').innerText()).toMatch(/nothing was shared/i);
    expect(await dialog.getByRole('alert').innerText()).toContain('The map is locked for now');
    await screenshot(a, 'share-refused-1280');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const onServer = await serverCards(s.app, s);
    expect(onServer).not.toContain(WORDS);
    for (const page of [t, a, s.sam.page]) await expect.poll(() => cardTexts(page), POLL).toEqual(onServer);
    // Nothing waits on Alex's device to be sent later: after a reload his map (and everyone's) is still the server's.
    await a.reload();
    await a.getByRole('heading', { name: 'Shared workspace' }).waitFor();
    await expect
      .poll(
        () => a.locator('.room-workspace').getByRole('status').filter({ hasText: 'All changes saved' }).count(),
        POLL,
      )
      .toBe(1);
    expect(await cardTexts(a)).toEqual(onServer);
    expect(await serverCards(s.app, s)).toEqual(onServer);
    for (const page of [t, s.sam.page]) expect(await cardTexts(page)).toEqual(onServer);

    // Unlocked, the same share goes through, and everyone sees the card on Alex's side.
    await lockToggle.click();
    await a.getByText('The therapist has locked the map for now.').waitFor({ state: 'detached' });
    await expect.poll(() => a.getByLabel('One thing I want my partner to hear').inputValue(), POLL).toBe(WORDS);
    await a.getByRole('button', { name: 'Share with the room…' }).first().click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Share', exact: true }).click();
    await a.getByText('Shared on the map.').waitFor();
    for (const page of [t, a, s.sam.page]) await expect.poll(() => cardTexts(page), POLL).toContain(WORDS);
    expect(await serverCards(s.app, s)).toContain(WORDS);
  });
});
