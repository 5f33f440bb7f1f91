import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/feedback';
import { MenuButton } from '../../components/MenuButton';
import type { AppError } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';
import { useTimers } from './TimersProvider';

/** One tap pauses everyone for the couple's default length; the chevron offers the therapist's other lengths. */
export function PauseButton() {
  const { t } = useTranslation();
  const { emitWithAck, connection } = useSessionSocket();
  const { view } = useTimers();
  const [error, setError] = useState<AppError | null>(null);
  if (!view) return null;
  const disabled = connection !== 'connected' || view.pause !== null;

  const call = async (minutes?: number) => {
    setError(null);
    const res = await emitWithAck('pause:call', minutes === undefined ? {} : { minutes });
    if (!res.ok) setError(res.error);
  };

  return (
    <div className="pause-call">
      <div className="pause-call-group" role="group" aria-label={t('timers.pause.callLabel')}>
        <Button
          className="btn btn-pause btn-small"
          isDisabled={disabled}
          aria-label={`${t('timers.pause.call')}, ${t('timers.pause.minutes', { count: view.settings.defaultMinutes })}`}
          onPress={() => void call()}
        >
          <span className="pause-icon" aria-hidden="true" />
          {t('timers.pause.call')}
        </Button>
        <MenuButton
          className="btn btn-pause btn-small pause-length"
          isDisabled={disabled}
          label={t('timers.pause.chooseLengthLabel')}
          menuLabel={t('timers.pause.chooseLength')}
          choices={view.settings.choices.map((m) => ({
            id: String(m),
            label: t('timers.pause.minutes', { count: m }),
          }))}
          onAction={(id) => void call(Number(id))}
        >
          <span className="select-chevron" aria-hidden="true" />
        </MenuButton>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
