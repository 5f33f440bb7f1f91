import { useState } from 'react';
import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** The map as a readable list of the cycle (the phone's default) or as the canvas. */
export type MapMode = 'list' | 'canvas';

const PHONE_QUERY = '(max-width: 640px)';

/** The view to start in: the one asked for, else the list on a phone and the canvas elsewhere. */
export function useMapMode(initial: MapMode | undefined): [MapMode, (mode: MapMode) => void] {
  return useState<MapMode>(
    () => initial ?? (typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches ? 'list' : 'canvas'),
  );
}

export function MapViewToggle({ mode, onChange }: { mode: MapMode; onChange: (mode: MapMode) => void }) {
  const { t } = useTranslation();
  return (
    <ToggleButtonGroup
      className="map-view-toggle"
      aria-label={t('map.view.group')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[mode]}
      onSelectionChange={(keys: Set<Key>) => {
        const next = [...keys][0];
        if (next === 'list' || next === 'canvas') onChange(next);
      }}
    >
      <ToggleButton id="list" className="btn btn-small btn-secondary">
        {t('map.view.list')}
      </ToggleButton>
      <ToggleButton id="canvas" className="btn btn-small btn-secondary">
        {t('map.view.canvas')}
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
