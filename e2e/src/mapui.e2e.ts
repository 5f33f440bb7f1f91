/** The map readable and usable: text size, targets, adding by keyboard, templates, the phone's list, export. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, POLL } from './browser.js';
import { roomFixture } from './fixture.js';

const SHOTS = '/tmp/shots-mapui';
const cardTexts = (page: Page) => page.locator('.cycle-node .cycle-node-label').allInnerTexts();
/** The map feature as it looks (the room around it is another part's). */
const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.locator('.map-workspace').screenshot({ path: `${SHOTS}/${name}.png` });
};

/** The smallest on-screen size of card words: computed font size times the canvas zoom. */
async function smallestCardText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = vp ? new DOMMatrix(getComputedStyle(vp).transform).a : 0;
    const sizes = [...document.querySelectorAll('.cycle-node-label')].map((el) =>
      parseFloat(getComputedStyle(el).fontSize),
    );
    return Math.min(...sizes) * zoom;
  });
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString()).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the map, readable and usable', () => {
  const s = roomFixture();

  it('adding a card by keyboard puts the typed words into that card and creates exactly one card', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Insert template' }).click();
    await expect.poll(async () => (await cardTexts(t)).length, POLL).toBe(12);
    await t.getByRole('button', { name: 'Add need' }).focus();
    await t.keyboard.press('Enter');
    await t.keyboard.type('I need to feel chosen');
    await t.keyboard.press('Enter');
    await expect.poll(() => cardTexts(t), POLL).toContain('I need to feel chosen');
    expect((await cardTexts(t)).length).toBe(13);
    // Its editor closed, focus is back on that card (a visible ring), and the card is on screen.
    const focused = t.locator('.react-flow__node:focus');
    expect(await focused.innerText()).toContain('I need to feel chosen');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    const box = await focused.boundingBox();
    const canvas = await t.locator('.map-canvas').boundingBox();
    expect(box && canvas && box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height).toBe(true);
    await shot(t, 'laptop-1280-en-new-card');
  });

  it('shows card text at 13 px or more and connection points of 24 px or more on a laptop', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Fit the whole map' }).click();
    expect(await smallestCardText(t)).toBeGreaterThanOrEqual(13);
    const handles = await t
      .locator('.cycle-node .react-flow__handle')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
    expect(Math.min(...handles)).toBeGreaterThanOrEqual(24);
    const controls = await t
      .locator('.react-flow__controls-button')
      .evaluateAll((els) =>
        els.map((el) => Math.min(el.getBoundingClientRect().width, el.getBoundingClientRect().height)),
      );
    expect(Math.min(...controls)).toBeGreaterThanOrEqual(24);
  });

  it('names arrows by the cards’ words, and keeps them out of the tab order', async () => {
    const t = s.therapist.page;
    const edge = t.locator('.react-flow__edge').first();
    expect(await edge.getAttribute('aria-label')).toMatch(/^Arrow from “.+” to “.+”$/);
    expect(await edge.getAttribute('aria-label')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(await t.locator('.react-flow__edge[tabindex]').count()).toBe(0);
  });

  it('asks before inserting a template on a map that has cards: cancel changes nothing, add beside adds', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Insert template' }).click();
    const ask = t.getByRole('alertdialog', { name: 'The map already has cards' });
    await ask.waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect((await cardTexts(t)).length).toBe(13);
    await t.getByRole('button', { name: 'Insert template' }).click();
    await ask.getByRole('button', { name: 'Add beside' }).click();
    await expect.poll(async () => (await cardTexts(t)).length, POLL).toBe(25);
    await t.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await cardTexts(t)).length, POLL).toBe(13);
  });

  it('says what the lock button will do', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Lock the map' }).click();
    await t.getByRole('button', { name: 'Unlock the map' }).click();
    await t.getByRole('button', { name: 'Lock the map' }).waitFor();
  });

  it('opens the map on a phone as the cycle in words, in Spanish, with add and edit; the canvas one tap away', async () => {
    const p = s.sam.page;
    await s.sam.context.addInitScript(() => sessionStorage.setItem('tandem.language', 'es'));
    await p.reload();
    // The phone room opens on the call: the map is a tab away.
    await p.getByRole('tab', { name: /^Mapa/ }).click();
    const list = p.getByRole('region', { name: 'El ciclo en palabras' });
    await list.waitFor();
    expect(await p.locator('.react-flow').count()).toBe(0);
    // Template cards the therapist inserted in English read in Spanish here.
    await expect.poll(() => list.innerText(), POLL).toContain('Sam se calla, se va');
    expect(await list.innerText()).not.toContain('Sam goes quiet');
    await shot(p, 'phone-375-es-list');
    await list.getByRole('button', { name: 'Añadir (Sam)' }).click();
    await p.keyboard.type('Me cierro cuando hay gritos');
    await p.keyboard.press('Enter');
    await expect.poll(() => cardTexts(s.therapist.page), POLL).toContain('Me cierro cuando hay gritos');
    await list.getByRole('button', { name: 'Editar «Me cierro cuando hay gritos»' }).click();
    await p.keyboard.press('End');
    await p.keyboard.type(' o portazos');
    await p.keyboard.press('Enter');
    await expect.poll(() => cardTexts(s.therapist.page), POLL).toContain('Me cierro cuando hay gritos o portazos');
    expect(await seriousA11yViolations(p)).toEqual([]);

    await p.getByRole('radio', { name: 'Lienzo' }).click();
    await p.locator('.react-flow').waitFor();
    await expect.poll(() => cardTexts(p), POLL).toContain('Sam se calla, se va');
    expect(await smallestCardText(p)).toBeGreaterThanOrEqual(14);
    await shot(p, 'phone-375-es-canvas');
  });

  it('exports SVG and PNG drawn from the map’s data: cards, arrows, lanes, legend and date, no presence', async () => {
    const t = s.therapist.page;
    // Someone else has a card selected: that must not show in the picture.
    const alexCard = s.alex.page.locator('.react-flow__node', { hasText: 'Alex criticises' }).first();
    await alexCard.focus(); // brings it into view
    await alexCard.click();
    await t.locator('.cycle-node-watcher').first().waitFor();
    await shot(t, 'laptop-1280-en-presence');
    const download = async (name: string) => {
      const [d] = await Promise.all([t.waitForEvent('download'), t.getByRole('button', { name }).click()]);
      return { file: fs.readFileSync(await d.path()), name: d.suggestedFilename() };
    };
    const svg = await download('Export SVG');
    expect(svg.name).toMatch(/^cycle-map-.*\.svg$/);
    const text = svg.file.toString('utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).not.toContain('foreignObject');
    expect(text).not.toContain('Dr Rivera');
    const lines = text.replace(/<\/tspan><tspan[^>]*>/g, ' '); // a card's wrapped lines, read as one
    for (const words of ['I need to feel chosen', 'Me cierro cuando hay gritos o portazos', 'Legend', 'Alex', 'Sam']) {
      expect(lines).toContain(words);
    }
    expect(text.match(/class="map-edge"/g)?.length).toBe(await t.locator('.react-flow__edge').count());
    fs.writeFileSync(`${SHOTS}/export.svg`, svg.file);
    const svgWidth = Number(/width="(\d+)"/.exec(text)?.[1]);
    const png = await download('Export PNG');
    expect(png.name).toMatch(/^cycle-map-.*\.png$/);
    const size = pngSize(png.file);
    expect(size.width).toBe(svgWidth * 2);
    expect(size.height).toBeGreaterThan(200);
    fs.writeFileSync(`${SHOTS}/export.png`, png.file);
  });

  it('shows the laptop map in Spanish, template cards included', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Español' }).click();
    await expect.poll(() => cardTexts(t), POLL).toContain('Alex critica, insiste, persigue');
    await t.getByRole('button', { name: 'Ver todo el mapa' }).click();
    expect(await smallestCardText(t)).toBeGreaterThanOrEqual(13);
    await shot(t, 'laptop-1280-es');
    expect(await seriousA11yViolations(t)).toEqual([]);
    for (const a of [s.therapist, s.alex, s.sam]) {
      expect(a.errors).toEqual([]);
      expect(a.missingKeys).toEqual([]);
    }
  });
});
