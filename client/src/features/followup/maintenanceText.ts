/** The maintenance plan's map picture: the shared renderer's SVG (as the record and the summaries draw it). */
import { CYCLE_NODE_KINDS, renderMapSvg, type CycleNodeKind, type MaintenanceMapDto } from '@tandem/shared';
import type { TFunction } from 'i18next';

export function longDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
}

export function maintenanceMapImage(
  map: MaintenanceMapDto,
  names: { a: string; b: string },
  t: TFunction,
  language: string,
): string | null {
  if (map.nodes.length === 0) return null;
  const svg = renderMapSvg({
    nodes: map.nodes,
    edges: map.edges,
    sideNames: { a: names.a, b: names.b, shared: t('map.side.shared') },
    kindNames: Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, t(`map.kind.${k}`)])) as Record<
      CycleNodeKind,
      string
    >,
    text: {
      title: t('map.export.title'),
      date: longDay(map.takenAt, language),
      legend: t('map.export.legend'),
      emptyLabel: t('map.emptyLabel'),
    },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
