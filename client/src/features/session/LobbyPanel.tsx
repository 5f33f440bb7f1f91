import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import type { AppError } from '../../lib/api';
import { formatList } from '../../lib/format';
import { ErrorNotice } from '../../components/feedback';
import { useSessionSocket } from './useSessionSocket';
import { waitingEntries, type WaitingEntry } from './waiting';

type Decision = 'admit' | 'decline';

/** Therapist only: devices waiting to be let in, with Admit / Decline (each device is admitted on its own). */
export function LobbyPanel() {
  const { t, i18n } = useTranslation();
  const { participants, connection, emitWithAck } = useSessionSocket();
  const [pending, setPending] = useState<Record<string, Decision>>({});
  const [error, setError] = useState<AppError | null>(null);
  const waiting = waitingEntries(participants);

  const decide = async (entry: WaitingEntry, decision: Decision) => {
    setPending((prev) => ({ ...prev, [entry.key]: decision }));
    setError(null);
    const payload = entry.deviceId
      ? { partnerId: entry.partnerId, deviceId: entry.deviceId }
      : { partnerId: entry.partnerId };
    const result = await emitWithAck(decision === 'admit' ? 'lobby:admit' : 'lobby:decline', payload);
    setPending((prev) => {
      const next = { ...prev };
      delete next[entry.key];
      return next;
    });
    if (!result.ok) setError(result.error);
  };
  const label = (entry: WaitingEntry, decision: Decision) =>
    entry.deviceNumber === null
      ? t(decision === 'admit' ? 'lobby.admit' : 'lobby.decline', { name: entry.name })
      : t(decision === 'admit' ? 'lobby.admitDevice' : 'lobby.declineDevice', {
          name: entry.name,
          n: entry.deviceNumber,
        });

  return (
    <section aria-labelledby="lobby-heading" className="panel-section">
      <h3 id="lobby-heading">{t('lobby.heading')}</h3>
      <p role="status" className="muted">
        {waiting.length === 0
          ? t('lobby.empty')
          : t('lobby.waiting', {
              count: waiting.length,
              names: formatList([...new Set(waiting.map((p) => p.name))], i18n.language),
            })}
      </p>
      {waiting.length > 0 ? (
        <ul aria-label={t('lobby.heading')} className="lobby-list">
          {waiting.map((entry) => (
            <li key={entry.key} className="lobby-item" data-person={entry.name} data-device={entry.deviceId}>
              <span className="lobby-name">
                {entry.deviceNumber === null
                  ? entry.name
                  : t('lobby.deviceOf', { name: entry.name, n: entry.deviceNumber })}
              </span>
              <span className="lobby-actions">
                <PendingButton
                  className="btn btn-primary btn-small"
                  pending={pending[entry.key] === 'admit'}
                  isDisabled={connection !== 'connected' || pending[entry.key] === 'decline'}
                  onPress={() => void decide(entry, 'admit')}
                >
                  {label(entry, 'admit')}
                </PendingButton>
                <PendingButton
                  className="btn btn-quiet btn-small"
                  pending={pending[entry.key] === 'decline'}
                  isDisabled={connection !== 'connected' || pending[entry.key] === 'admit'}
                  onPress={() => void decide(entry, 'decline')}
                >
                  {label(entry, 'decline')}
                </PendingButton>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
