/**
 * The export's sections as a tagged PDF: one heading per section, its content as label/value rows (a JSON path and
 * the value at it). Built only from the sections passed in, so it holds exactly what the JSON files hold.
 */
import type { Language } from '@tandem/shared';
import type { PdfBlock } from '../record/pdf/model.js';
import { renderPdf } from '../record/pdf/render.js';
import { exportStrings, fillIn } from './exportStrings.js';

/** The rows of one section: every leaf value with its path (capped, so a huge section cannot make a huge PDF). */
const MAX_ROWS_PER_SECTION = 2000;
const MAX_VALUE_CHARS = 4000;

function leaves(value: unknown, path: string, out: { label: string; value: string }[]): void {
  if (out.length >= MAX_ROWS_PER_SECTION) return;
  if (value === null || value === undefined || typeof value !== 'object') {
    const text = value === null || value === undefined ? '' : String(value as string | number | boolean);
    if (text !== '') out.push({ label: path || '-', value: text.slice(0, MAX_VALUE_CHARS) });
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
  for (const [key, v] of entries) leaves(v, path ? `${path}.${key}` : key, out);
}

export async function exportPdf(
  lang: Language,
  name: string,
  sections: Record<string, unknown>,
  now: number,
): Promise<Uint8Array> {
  const w = exportStrings(lang);
  const title = fillIn(w.title, { name });
  const blocks: PdfBlock[] = [
    { type: 'heading', level: 1, text: title },
    { type: 'paragraph', text: fillIn(w.intro, { name, date: new Date(now).toISOString().slice(0, 10) }) },
    { type: 'paragraph', text: w.leftOut, muted: true },
  ];
  for (const [section, value] of Object.entries(sections)) {
    blocks.push({ type: 'heading', level: 2, text: section });
    const rows: { label: string; value: string }[] = [];
    leaves(value, '', rows);
    blocks.push(rows.length ? { type: 'fields', rows } : { type: 'paragraph', text: w.empty, muted: true });
  }
  const pdf = await renderPdf({
    lang,
    title,
    author: 'Tandem',
    subject: title,
    runningHead: title,
    runningFoot: w.foot,
    pageLabel: w.page,
    blocks,
  });
  return new Uint8Array(pdf);
}
