import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSessionSocket } from './useSessionSocket';

/** Therapist: end the session for everyone, after a confirmation. Falls back to REST when offline. */
export function EndSessionButton({ onEnded }: { onEnded: () => void }) {
  const { t } = useTranslation();
  const { sessionId, connection, emitWithAck } = useSessionSocket();

  const end = async (): Promise<AppError | null> => {
    const result = connection === 'connected' ? await emitWithAck('session:end', {}) : await api.endSession(sessionId);
    if (!result.ok && result.error.code !== 'SESSION_ENDED') return result.error;
    onEnded();
    return null;
  };

  return (
    <ConfirmDialog
      triggerLabel={t('room.endSession')}
      triggerClassName="btn btn-danger btn-small"
      title={t('room.endTitle')}
      body={t('room.endBody')}
      confirmLabel={t('room.endConfirm')}
      onConfirm={end}
    />
  );
}
