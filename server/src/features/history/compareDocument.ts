/**
 * Two sessions' maps compared, as a PDF: the map after each (cards that changed pointed out with a halo and a
 * word), then the changes in words. Only the maps are inputs: no record, note or private space.
 */
import type { MapCompareDto, MapMark, MapRenderInput } from '@tandem/shared';
import type { PdfBlock, PdfDocumentModel } from '../record/pdf/model.js';
import {
  PdfFormat,
  changeBlocks,
  mapAlt,
  mapInput,
  type MapNames,
  type PdfLocale,
} from '../record/pdf/recordDocument.js';
import { fill } from '../record/pdf/strings.js';

export interface ComparePdfInput {
  compare: MapCompareDto;
  coupleName: string;
  names: MapNames;
  practiceName: string;
  therapistName: string;
}

/** The marks of one side: on the "before" map what was edited or removed, on the "after" map what was added or edited. */
export function compareMarks(
  compare: Pick<MapCompareDto, 'added' | 'edited' | 'removed'>,
  side: 'from' | 'to',
  words: { added: string; edited: string; removed: string },
): NonNullable<MapRenderInput['marks']> {
  const marks: Record<string, { change: MapMark; label: string }> = {};
  const kinds = side === 'from' ? (['edited', 'removed'] as const) : (['added', 'edited'] as const);
  for (const change of kinds) for (const c of compare[change]) marks[c.id] = { change, label: words[change] };
  return marks;
}

export function compareDocument(input: ComparePdfInput, locale: PdfLocale): PdfDocumentModel {
  const f = new PdfFormat(locale);
  const { s } = f;
  const { compare } = input;
  const fromTitle = f.title(compare.from.title);
  const toTitle = f.title(compare.to.title);
  const words = s.marks;
  const blocks: PdfBlock[] = [{ type: 'heading', level: 1, text: `${s.compareTitle}: ${input.coupleName}` }];
  for (const side of ['from', 'to'] as const) {
    const map = compare[side];
    const title = side === 'from' ? fromTitle : toTitle;
    blocks.push({ type: 'heading', level: 2, text: fill(side === 'from' ? s.compareFrom : s.compareTo, { title }) });
    if (map.nodes.length === 0) {
      // (The picture carries the date; without one, the line says it.)
      blocks.push({ type: 'paragraph', text: `${f.date(map.at)} · ${s.emptyMap}`, muted: true });
      continue;
    }
    const mi = { ...mapInput(f, map, input.names, f.date(map.at)), marks: compareMarks(compare, side, words) };
    blocks.push({ type: 'map', map: mi, alt: mapAlt(f, mi, fill(s.whenAfter, { title })) });
  }
  blocks.push({ type: 'heading', level: 2, text: fill(s.compareChanges, { from: fromTitle, to: toTitle }) });
  blocks.push(...changeBlocks(f, compare));

  const practice = input.practiceName.trim();
  return {
    lang: locale.lang,
    title: `${s.compareTitle}: ${input.coupleName}`,
    author: practice || input.therapistName,
    subject: s.historyTitle,
    runningHead: practice ? `${practice} · ${input.therapistName}` : input.therapistName,
    runningFoot: `${s.confidential} · ${input.coupleName}`,
    pageLabel: s.pageLabel,
    blocks,
  };
}
