/** The privacy model, proven on the wire: what is private to Alex never reaches Sam's browser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, screenshot, seriousA11yViolations, POLL } from './browser.js';
import { everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';
import { captureWire, type WireCapture } from './wire.js';

const ALEX_MARKER = 'zqAlexPrivate7f3a91';
const THERAPIST_MARKER = 'zqTherapistNote4b24c';

describe('private side panels', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let samWire: WireCapture;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    samWire = await captureWire(s.sam.page); // before Sam's page loads anything
    await everyoneInTheRoom(s);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('keeps Alex’s notes, prep and chat and the therapist’s notes off Sam’s wire, while both sides see them', async () => {
    const alex = s.alex.page;
    const t = s.therapist.page;
    // Something shared, so the capture is proven to see Yjs binary frames and socket text.
    await t.getByRole('button', { name: 'Insert template' }).click();

    await alex.getByLabel('My notes').fill(`Notes ${ALEX_MARKER} about last week`);
    await alex.getByLabel('One recent conflict').fill(`Conflict ${ALEX_MARKER}`);
    await alex.getByLabel('One goal for the coming week').fill(`Goal ${ALEX_MARKER}`);
    await alex.getByLabel('One thing I want my partner to hear').fill(`Hear ${ALEX_MARKER}`);
    await alex.getByRole('tab', { name: 'Talk to Dr Rivera' }).click();
    await alex.getByLabel('Message to Dr Rivera').fill(`Chat ${ALEX_MARKER}`);
    await alex.getByRole('button', { name: 'Send' }).click();

    await t.getByRole('textbox', { name: 'Check-in', exact: true }).fill(`Check-in ${THERAPIST_MARKER}`);
    await t.getByLabel('Risk (each partner)').fill(`Risk ${THERAPIST_MARKER}`);
    // A badge tells the therapist something new came in on Alex's line.
    await t.getByRole('tab', { name: /^Alex/ }).locator('.tab-badge').waitFor();
    await t.getByRole('tab', { name: /^Alex/ }).click();
    const alexTab = t.getByRole('tabpanel', { name: /^Alex/ });
    await expect.poll(() => alexTab.getByLabel('My notes').inputValue(), POLL).toContain(ALEX_MARKER);
    await expect.poll(() => alexTab.getByRole('log').innerText(), POLL).toContain(`Chat ${ALEX_MARKER}`);
    await alexTab.getByLabel('Message to Alex').fill(`Reply ${THERAPIST_MARKER}`);
    await alexTab.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alex.getByRole('log').innerText(), POLL).toContain(`Reply ${THERAPIST_MARKER}`);
    await expect.poll(() => alex.getByRole('log').innerText(), POLL).toContain('Read');
    await screenshot(t, 'private-therapist-1280');
    await screenshot(alex, 'private-alex-1280');
    expect(await seriousA11yViolations(t)).toEqual([]);
    expect(await seriousA11yViolations(alex)).toEqual([]);

    // Sentinels, one per connection of Sam's that a leak could use, sent after everything above: each
    // connection delivers in order, so once Sam's page shows them, any stray frame before them has arrived.
    // The Socket.IO line: the therapist locks the map (a room event). The map's line: she adds a card.
    await t.locator('button.lock-toggle').click();
    await expect.poll(() => samWire.find('map:lock').length, POLL).toBeGreaterThan(0);
    await t.locator('button.lock-toggle').click();
    await t.getByRole('button', { name: 'Add need' }).focus();
    await t.keyboard.press('Enter');
    await t.keyboard.type('Sentinel need 5e1c');
    await t.keyboard.press('Enter');
    await expect.poll(() => samWire.find('Sentinel need 5e1c').length, POLL).toBeGreaterThan(0);
    await samWire.stop();
    expect(samWire.frames.length).toBeGreaterThan(10);
    expect(samWire.find('Sam goes quiet, leaves the room').length).toBeGreaterThan(0); // the capture works
    expect(samWire.find(ALEX_MARKER)).toEqual([]);
    expect(samWire.find(THERAPIST_MARKER)).toEqual([]);
    // Nor any hint that Alex wrote to the therapist (the app's code mentions the event; no frame may carry it).
    expect(samWire.frames.filter((f) => f.includes('chat:')).length).toBe(0);
  });

  it('undoes on screen a change the server refuses, says so, and never calls it saved', async () => {
    // Alex has his panel open on two devices. This one's connection is held while he types a few words; meanwhile
    // the other device fills his notes to their limit. Together they are over it: the server refuses the held change.
    const alex = s.alex.page;
    const held: Array<() => void> = [];
    let hold = false;
    await alex.routeWebSocket(/\/collab\/panel\./, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => (hold ? held.push(() => server.send(m)) : server.send(m)));
      server.onMessage((m) => ws.send(m));
    });
    await alex.reload();
    const notes = alex.getByLabel('My notes');
    await expect.poll(() => notes.inputValue(), POLL).toContain(ALEX_MARKER);
    // His other device: its own browser (tabs of one browser share a doc's changes between them directly).
    const device = await browser.newContext({ storageState: await alex.context().storageState() });
    const other = await device.newPage();
    await other.setViewportSize(alex.viewportSize() ?? { width: 1280, height: 800 });
    await other.goto(alex.url());
    const otherNotes = other.getByLabel('My notes');
    await expect.poll(() => otherNotes.inputValue(), POLL).toContain(ALEX_MARKER);

    hold = true;
    await notes.press('End');
    await notes.pressSequentially(' and more');
    await expect.poll(() => held.length, POLL).toBeGreaterThan(0);
    const full = 'x'.repeat(20_000);
    await otherNotes.fill(full);
    await other.locator('.room-panel').getByRole('status').filter({ hasText: 'All changes saved' }).first().waitFor();
    hold = false;
    for (const send of held.splice(0)) send();

    await alex.getByRole('alert').filter({ hasText: 'That change could not be saved here' }).waitFor();
    await expect.poll(() => notes.inputValue(), POLL).toBe(full);
    await alex.locator('.room-panel').getByRole('status').filter({ hasText: 'All changes saved' }).first().waitFor();
    // Alex writes again; it is kept (nothing of the refused change is left to block it).
    await notes.fill(`Notes ${ALEX_MARKER} again`);
    await expect.poll(() => otherNotes.inputValue(), POLL).toBe(`Notes ${ALEX_MARKER} again`);
    await device.close();
  });

  it('quick exit leaves at once; the therapist is alerted privately, Sam only sees that Alex left', async () => {
    const alex = s.alex.page;
    await alex.locator('body').press('Escape');
    await alex.locator('body').press('Escape');
    await alex.locator('body').press('Escape');
    await alex.waitForURL('**/neutral.html');
    expect(await alex.title()).toBe('New Tab');
    await s.therapist.page.getByRole('alert').filter({ hasText: 'Alex left with quick exit' }).waitFor();
    await s.sam.page.getByRole('tab', { name: 'Call' }).click();
    await expect
      .poll(() => s.sam.page.locator('li[data-person="Alex"]').getAttribute('data-status'), POLL)
      .toBe('left');
    expect(await s.sam.page.getByText('left with quick exit').count()).toBe(0);
    // Back in Alex's browser, the session does not reopen.
    await alex.goto(`/s/${s.session.session.id}`);
    await alex
      .getByText(/no longer works|Open the link/)
      .first()
      .waitFor();
  });

  it('keeps the therapist’s notes with the case, readable after the session', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'End session' }).click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    await t.goto(`/couples/${s.couple.id}`);
    await t
      .locator(`li[data-session-id="${s.session.session.id}"]`)
      .getByRole('link', { name: /^Session notes/ })
      .click();
    await t.getByRole('heading', { level: 1, name: 'Session notes' }).waitFor();
    await expect
      .poll(() => t.getByRole('textbox', { name: 'Check-in', exact: true }).inputValue(), POLL)
      .toContain(THERAPIST_MARKER);
    expect(await seriousA11yViolations(t)).toEqual([]);
  });
});
