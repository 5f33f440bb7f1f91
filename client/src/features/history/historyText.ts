/** The history's map pictures: the shared renderer's SVG, with the changed cards pointed out. */
import {
  CYCLE_NODE_KINDS,
  renderMapSvg,
  type CoupleHistoryDto,
  type CycleNodeKind,
  type HistoryMapDto,
  type MapCompareDto,
  type MapMark,
  type MapSide,
} from '@tandem/shared';
import type { TFunction } from 'i18next';

export function historyDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}

/** A session's title, or "Session of <date>". */
export function historyTitle(s: { title: string; at: string }, t: TFunction, language: string): string {
  return s.title.trim() || t('record.history.untitled', { date: historyDate(s.at, language) });
}

/** The cards of one side to point out: on the "before" map what was edited or removed; on the "after" map what was added or edited. */
export function marksOf(
  compare: Pick<MapCompareDto, 'added' | 'edited' | 'removed'> | null,
  side: 'from' | 'to',
  t: TFunction,
): Record<string, { change: MapMark; label: string }> {
  const marks: Record<string, { change: MapMark; label: string }> = {};
  if (!compare) return marks;
  const kinds = side === 'from' ? (['edited', 'removed'] as const) : (['added', 'edited'] as const);
  for (const change of kinds) {
    for (const c of compare[change]) marks[c.id] = { change, label: t(`record.history.mark.${change}`) };
  }
  return marks;
}

export function historyMapSvg(
  map: HistoryMapDto,
  history: Pick<CoupleHistoryDto, 'partners'>,
  marks: Record<string, { change: MapMark; label: string }>,
  t: TFunction,
  language: string,
): string {
  const name = (slot: 'a' | 'b') =>
    history.partners.find((p) => p.slot === slot)?.name ?? (slot === 'a' ? t('couple.partnerA') : t('couple.partnerB'));
  const sideNames: Record<MapSide, string> = { a: name('a'), b: name('b'), shared: t('map.side.shared') };
  return renderMapSvg({
    nodes: map.nodes,
    edges: map.edges,
    sideNames,
    kindNames: Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, t(`map.kind.${k}`)])) as Record<
      CycleNodeKind,
      string
    >,
    text: {
      title: historyTitle(map, t, language),
      date: historyDate(map.at, language),
      legend: t('map.export.legend'),
      emptyLabel: t('map.emptyLabel'),
    },
    marks,
  });
}
