import { useTranslation } from 'react-i18next';
import type { SaveState } from './collab';

/** Tells honestly where the map's edits are: saved on the server, on their way, or only on this device. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  return (
    <p className="save-indicator" role="status" data-save={state}>
      <span className="save-dot" aria-hidden="true" />
      {t(`map.save.${state}`)}
    </p>
  );
}
