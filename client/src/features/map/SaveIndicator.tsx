import { useTranslation } from 'react-i18next';
import type { CollabLimitNotice, SaveState } from './collab';

/**
 * Tells honestly where the map's edits are: saved on the server, on their way, or only on this device; and when
 * the server would not keep a change (too large, or the document is full), that it was undone.
 */
export function SaveIndicator({ state, notice = null }: { state: SaveState; notice?: CollabLimitNotice | null }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="save-indicator" role="status" data-save={state}>
        <span className="save-dot" aria-hidden="true" />
        {t(`map.save.${state}`)}
      </p>
      <LimitNotice notice={notice} />
    </>
  );
}

/** That a change of ours was undone (too large, the doc full, refused), when the server would not keep it. */
export function LimitNotice({ notice }: { notice: CollabLimitNotice | null }) {
  const { t } = useTranslation();
  return notice ? (
    <p className="notice notice-error" role="alert" data-limit={notice}>
      {t(`map.limit.${notice}`)}
    </p>
  ) : null;
}
