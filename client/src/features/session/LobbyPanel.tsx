import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import type { AppError } from '../../lib/api';
import { formatList } from '../../lib/format';
import { ErrorNotice } from '../../components/feedback';
import { useSessionSocket } from './useSessionSocket';

type Decision = 'admit' | 'decline';

/** Therapist only: partners waiting to be let in, with Admit / Decline. */
export function LobbyPanel() {
  const { t, i18n } = useTranslation();
  const { participants, connection, emitWithAck } = useSessionSocket();
  const [pending, setPending] = useState<Record<string, Decision>>({});
  const [error, setError] = useState<AppError | null>(null);
  const waiting = participants.filter((p) => p.role === 'partner' && p.status === 'waiting');

  const decide = async (partnerId: string, decision: Decision) => {
    setPending((prev) => ({ ...prev, [partnerId]: decision }));
    setError(null);
    const result = await emitWithAck(decision === 'admit' ? 'lobby:admit' : 'lobby:decline', { partnerId });
    setPending((prev) => {
      const next = { ...prev };
      delete next[partnerId];
      return next;
    });
    if (!result.ok) setError(result.error);
  };

  return (
    <section aria-labelledby="lobby-heading" className="panel-section">
      <h3 id="lobby-heading">{t('lobby.heading')}</h3>
      <p role="status" className="muted">
        {waiting.length === 0
          ? t('lobby.empty')
          : t('lobby.waiting', {
              count: waiting.length,
              names: formatList(
                waiting.map((p) => p.name),
                i18n.language,
              ),
            })}
      </p>
      {waiting.length > 0 ? (
        <ul aria-label={t('lobby.heading')} className="lobby-list">
          {waiting.map((person) => (
            <li key={person.id} className="lobby-item" data-person={person.name}>
              <span className="lobby-name">{person.name}</span>
              <span className="lobby-actions">
                <PendingButton
                  className="btn btn-primary btn-small"
                  pending={pending[person.id] === 'admit'}
                  isDisabled={connection !== 'connected' || pending[person.id] === 'decline'}
                  onPress={() => void decide(person.id, 'admit')}
                >
                  {t('lobby.admit', { name: person.name })}
                </PendingButton>
                <PendingButton
                  className="btn btn-quiet btn-small"
                  pending={pending[person.id] === 'decline'}
                  isDisabled={connection !== 'connected' || pending[person.id] === 'admit'}
                  onPress={() => void decide(person.id, 'decline')}
                >
                  {t('lobby.decline', { name: person.name })}
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
