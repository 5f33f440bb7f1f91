import { useState } from 'react';
import { Button, Dialog, Heading, Label, Radio, RadioGroup, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PAUSE_EXERCISES, timerRemaining } from '@tandem/shared';
import type { PauseExercise, PauseView, Role } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { formatList } from '../../lib/format';
import { useSessionSocket } from '../session/useSessionSocket';
import { ExerciseGuide } from './ExerciseGuide';
import { formatClockTime, formatCountdown } from './format';
import { useServerNow, useTimers } from './TimersProvider';

/** The pause's card: who called it, the time left, the exercise, who is ready (PauseOverlay loads it on first use). */
export function PauseCard({ pause, role }: { pause: PauseView; role: Role }) {
  const { t, i18n } = useTranslation();
  const { self, participants, emitWithAck } = useSessionSocket();
  const { clock } = useTimers();
  const now = useServerNow(250);
  const [error, setError] = useState<AppError | null>(null);
  const remaining = timerRemaining(pause.timer, now);
  const minutesLeft = Math.ceil(remaining / 60_000);
  const deadline = pause.timer.deadline;
  const isCaller = pause.calledBy?.id === self?.id;
  // Only the clinician who runs the session steers the pause (a co-therapist or supervisor sees it).
  const runs = role === 'therapist' && (self?.seat ?? 'lead') === 'lead';
  const canChooseExercise = runs || isCaller;
  const iAmReady = self ? pause.ready.includes(self.id) : false;
  const readyNames = participants.filter((p) => pause.ready.includes(p.id)).map((p) => p.name);

  const send = async (run: () => Promise<{ ok: boolean; error?: AppError }>) => {
    setError(null);
    const res = await run();
    if (!res.ok && res.error) setError(res.error);
  };

  return (
    <Dialog className="pause-card" data-pause-id={pause.id}>
      <Heading slot="title" className="pause-title">
        {t('timers.pause.title')}
      </Heading>
      <p className="pause-caller">
        {pause.calledBy === null
          ? t('timers.pause.calledAnon')
          : isCaller
            ? t('timers.pause.calledByYou')
            : t('timers.pause.calledBy', { name: pause.calledBy.name })}
      </p>
      <p
        className="pause-countdown"
        role="timer"
        aria-label={t('timers.pause.remaining')}
        data-deadline={deadline ?? ''}
        data-offset={clock.offsetMs}
        data-remaining-ms={remaining}
      >
        {formatCountdown(remaining)}
      </p>
      {deadline !== null ? (
        <p className="pause-back-at">
          {t('timers.pause.backAt', { time: formatClockTime(deadline - clock.offsetMs, i18n.language) })}
        </p>
      ) : null}
      <p role="status" className="visually-hidden">
        {t('timers.pause.minutesLeft', { count: minutesLeft })}
      </p>
      <p className="pause-rest">{t('timers.pause.rest')}</p>

      <section className="pause-exercise" aria-label={t('timers.pause.exercise')}>
        {canChooseExercise ? (
          <RadioGroup
            className="exercise-choice"
            orientation="horizontal"
            value={pause.exercise}
            onChange={(value) => void send(() => emitWithAck('pause:exercise', { exercise: value as PauseExercise }))}
          >
            <Label className="visually-hidden">{t('timers.pause.exercise')}</Label>
            {PAUSE_EXERCISES.map((ex) => (
              <Radio key={ex} value={ex} className="exercise-option">
                {t(`timers.exercise.${ex}`)}
              </Radio>
            ))}
          </RadioGroup>
        ) : (
          <h3 className="exercise-name">{t(`timers.exercise.${pause.exercise}`)}</h3>
        )}
        <ExerciseGuide exercise={pause.exercise} elapsedMs={now - pause.startedAt} />
      </section>

      <p className="pause-media muted">
        {pause.mediaPaused ? t('timers.pause.mediaPaused') : t('timers.pause.mediaOn')}
      </p>
      <p className="pause-ready-list" role="status">
        {readyNames.length
          ? t('timers.pause.readyList', { names: formatList(readyNames, i18n.language) })
          : t('timers.pause.nobodyReady')}
      </p>
      <ErrorNotice error={error} />
      <div className="pause-actions">
        {role === 'partner' ? (
          <ToggleButton
            className="btn btn-primary"
            isSelected={iAmReady}
            onChange={(ready) => void send(() => emitWithAck('pause:ready', { ready }))}
          >
            {t('timers.pause.ready')}
          </ToggleButton>
        ) : runs ? (
          <>
            <Button
              className="btn btn-secondary"
              onPress={() => void send(() => emitWithAck('pause:extend', { minutes: 5 }))}
            >
              {t('timers.pause.extend')}
            </Button>
            <Button className="btn btn-primary" onPress={() => void send(() => emitWithAck('pause:end', {}))}>
              {t('timers.pause.end')}
            </Button>
          </>
        ) : null}
      </div>
      {role === 'partner' && iAmReady ? (
        <p className="muted pause-ready-note">{t('timers.pause.youAreReady')}</p>
      ) : null}
    </Dialog>
  );
}
