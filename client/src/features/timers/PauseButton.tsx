import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';
import { useTimers } from './TimersProvider';

/** One tap pauses everyone for the couple's default length; the chevron offers the therapist's other lengths. */
export function PauseButton() {
  const { t } = useTranslation();
  const { emitWithAck, connection, self } = useSessionSocket();
  const { view } = useTimers();
  const [error, setError] = useState<AppError | null>(null);
  // A supervisor only watches: the pause is for the people in the conversation.
  if (!view || self?.seat === 'supervisor') return null;
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
        {/* The other lengths: a popover dialog of buttons (react-aria's Dialog and Button). A Menu would bring
            react-aria's collection and selection code, which nothing else the room shows at first needs. */}
        <DialogTrigger>
          <Button
            className="btn btn-pause btn-small pause-length"
            isDisabled={disabled}
            aria-label={t('timers.pause.chooseLengthLabel')}
          >
            <span className="select-chevron" aria-hidden="true" />
          </Button>
          <Popover className="select-popover" placement="bottom end">
            <Dialog className="select-list pause-lengths" aria-label={t('timers.pause.chooseLength')}>
              {({ close }) =>
                view.settings.choices.map((m) => (
                  <Button
                    key={m}
                    className="select-option"
                    autoFocus={m === view.settings.choices[0]}
                    onPress={() => {
                      close();
                      void call(m);
                    }}
                  >
                    {t('timers.pause.minutes', { count: m })}
                  </Button>
                ))
              }
            </Dialog>
          </Popover>
        </DialogTrigger>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
