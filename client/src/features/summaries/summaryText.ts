/** Words and the map picture of a partner's summary, in the reader's language. */
import { CYCLE_NODE_KINDS, renderMapSvg, type CycleNodeKind, type MapSide, type PartnerSummary } from '@tandem/shared';
import type { TFunction } from 'i18next';

export function summaryDate(iso: string | null, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
}

export function summaryTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(iso));
}

/** A session's title, or "Session of <date>" for an untitled one. */
export function sessionTitleOf(title: string, date: string | null, t: TFunction, language: string): string {
  if (title.trim()) return title.trim();
  return date ? t('summary.partner.sessionOf', { date: summaryDate(date, language) }) : t('summary.partner.untitled');
}

export function sideNamesOf(content: PartnerSummary, t: TFunction): Record<MapSide, string> {
  const name = (slot: 'a' | 'b') =>
    content.partners.find((p) => p.slot === slot)?.name ?? (slot === 'a' ? t('couple.partnerA') : t('couple.partnerB'));
  return { a: name('a'), b: name('b'), shared: t('map.side.shared') };
}

/** The map picture (the shared renderer's SVG, as the record and a PDF draw it) as an image address. */
export function summaryMapImage(content: PartnerSummary, t: TFunction, language: string): string | null {
  if (!content.map || content.map.nodes.length === 0) return null;
  const svg = renderMapSvg({
    nodes: content.map.nodes,
    edges: content.map.edges,
    sideNames: sideNamesOf(content, t),
    kindNames: Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, t(`map.kind.${k}`)])) as Record<
      CycleNodeKind,
      string
    >,
    text: {
      title: t('map.export.title'),
      date: summaryDate(content.session.date, language),
      legend: t('map.export.legend'),
      emptyLabel: t('map.emptyLabel'),
    },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
