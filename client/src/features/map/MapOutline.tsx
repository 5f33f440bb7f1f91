import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cycleOutline, type MapSide } from '@tandem/shared';
import type { MapNode } from './mapModel';

/** The cycle as text, per partner, in cycle order: what a screen-reader user follows (and anyone on a phone). */
export function MapOutline({ nodes, sideNames }: { nodes: MapNode[]; sideNames: Record<MapSide, string> }) {
  const { t } = useTranslation();
  const lanes = useMemo(() => cycleOutline(nodes), [nodes]);
  return (
    <section className="map-outline" aria-labelledby="map-outline-heading">
      <h3 id="map-outline-heading">{t('map.outline.heading')}</h3>
      {lanes.length === 0 ? <p className="muted">{t('map.outline.empty')}</p> : null}
      <div className="map-outline-lanes">
        {lanes.map((lane) => (
          <div key={lane.side} className="map-outline-lane" data-side={lane.side}>
            <h4>{lane.side === 'shared' ? t('map.side.shared') : sideNames[lane.side]}</h4>
            <ol>
              {lane.steps.map((step, i) => (
                <li key={i}>
                  <span className="map-outline-kind">{t(`map.kind.${step.kind}`)}:</span>{' '}
                  {step.label || t('map.emptyLabel')}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}
