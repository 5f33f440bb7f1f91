import { beforeAll, describe, expect, it } from 'vitest';
import { OPS, readPdf, structNodes, type ReadPdf } from '../../test/pdf.js';
import { recordDocument } from './pdf/recordDocument.js';
import { MISSING_GLYPH, printable, renderPdf } from './pdf/render.js';
import { SAMPLE_WORDS, sampleNote, sampleRecord } from './pdf/sample.js';
import type { PdfDocumentModel } from './pdf/model.js';

const squash = (s: string) => s.replace(/\s+/g, ' ');
const render = (lang: 'en' | 'es', note = sampleNote(), record = sampleRecord()) =>
  renderPdf(
    recordDocument(
      { record, note, practiceName: 'Clínica Aurora — Terapia de pareja', therapistName: 'Dr Rivera' },
      { lang, timeZone: 'Europe/Madrid' },
    ),
  );

describe('the session record as a PDF', () => {
  // The heavy sample is rendered and parsed once (in Spanish, and in English with each page's operators).
  let es: { pdf: Buffer; read: ReadPdf };
  let en: { pdf: Buffer; read: ReadPdf };
  beforeAll(async () => {
    const [esPdf, enPdf] = await Promise.all([render('es'), render('en')]);
    es = { pdf: esPdf, read: await readPdf(esPdf) };
    en = { pdf: enPdf, read: await readPdf(enPdf, { ops: true }) };
  }, 180_000);

  it('renders a 60-card map, long notes in Spanish and English and emoji; parsed back, every word is there', () => {
    const { pdf, read } = es;
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(read.pages.length).toBeGreaterThan(2);
    const text = squash(read.text);
    // Accents, ñ, ¿ ¡ and « » come back as written; the words of both languages are there.
    expect(text).toContain(squash(SAMPLE_WORDS.spanish));
    expect(text).toContain(squash(SAMPLE_WORDS.english));
    expect(text).toContain('Clínica Aurora — Terapia de pareja');
    expect(text).toContain('Corrección: Sam dijo «a veces», no «nunca».');
    expect(text).toContain('Nota de evolución (SOAP)');
    expect(text).toContain('Firmada por Dr Rivera');
    // The stop signals, with who sent each, when, and when the therapist dismissed it.
    expect(text).toMatch(/Señales de parada • Alex a las \d{1,2}:\d{2}; descartada a las \d{1,2}:\d{2}/);
    // Emoji the font has no glyph for become a visible placeholder; the rest of the line is intact.
    expect(text).toContain(`agreed on one pause ${MISSING_GLYPH} each day.`);
    // Page numbers on every page.
    read.pages.forEach((p, i) => expect(squash(p.text)).toContain(`Página ${i + 1} de ${read.pages.length}`));
  });

  it('is a tagged PDF: structure tree, mark info, language, title shown, and the map is a Figure with alt text', () => {
    const { read } = en;
    expect(read.markInfo?.Marked).toBe(true);
    expect(read.info['Language']).toBe('en');
    expect(read.info['Title']).toContain('Session record');
    expect(read.raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(read.raw).toMatch(/\/DisplayDocTitle true/);
    const roles = read.pages.flatMap((p) => structNodes(p.struct).map((n) => n.role));
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'LBody', 'Figure']) expect(roles).toContain(role);
    const figures = read.pages.flatMap((p) => structNodes(p.struct).filter((n) => n.role === 'Figure'));
    expect(figures).toHaveLength(1);
    expect(figures[0]?.alt).toMatch(/^The conflict-cycle map: 60 cards and 59 arrows\. Alex: /);
    expect(figures[0]?.alt).toContain('Card 2: se retira, corazón acelerado');
  });

  it('draws the map as vector paths and text, with no image anywhere', () => {
    const { read } = en;
    const mapPage = read.pages.find((p) => structNodes(p.struct).some((n) => n.role === 'Figure'));
    expect(mapPage).toBeDefined();
    const paths = mapPage!.ops.filter((op) => op === OPS.constructPath).length;
    // 60 cards, 59 arrows with their heads, lanes and the legend: hundreds of path operations.
    expect(paths).toBeGreaterThan(60 + 2 * 59);
    expect(squash(mapPage!.text)).toContain('Card 60: pursues, asks again');
    for (const p of read.pages) {
      expect(p.ops).not.toContain(OPS.paintImageXObject);
      expect(p.ops).not.toContain(OPS.paintInlineImageXObject);
    }
    expect(read.raw).not.toContain('/Subtype /Image');
  });

  it('labels a draft clearly, and a session with no note says so', { timeout: 120_000 }, async () => {
    const draft = { ...sampleNote(), signed: null, addenda: [] };
    const draftText = squash((await readPdf(await render('en', draft))).text);
    expect(draftText).toContain('Draft — not signed. This note can still change.');
    expect(draftText).not.toContain('Signed by');
    const none = squash((await readPdf(await render('es', null as never))).text);
    expect(none).toContain('No se escribió ninguna nota de evolución para esta sesión.');
    expect(none).not.toContain('Nota de evolución (');
  });

  it('substitutes what the font cannot draw and keeps what it can', () => {
    const font = { hasGlyphForCodePoint: (cp: number) => cp < 0x1f000 || cp === 0x1f602 };
    expect(printable('añoranza ¿sí? «no»', font)).toBe('añoranza ¿sí? «no»');
    expect(printable('ok 😂 ❤️ 👩‍❤️‍👨 🧡 end', font)).toBe(`ok 😂 ❤ ${MISSING_GLYPH} ${MISSING_GLYPH} end`);
    expect(printable('a\tb\r\nc', font)).toBe('a b\nc');
  });

  it('renders any model: an empty one still has its page number and title', async () => {
    const model: PdfDocumentModel = {
      lang: 'es',
      title: 'Vacío',
      author: 'Tandem',
      subject: '',
      runningHead: '',
      runningFoot: '',
      pageLabel: 'Página {n} de {total}',
      blocks: [],
    };
    const read = await readPdf(await renderPdf(model));
    expect(read.pages).toHaveLength(1);
    expect(read.text).toContain('Página 1 de 1');
    expect(read.info['Language']).toBe('es');
  });
});
