import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { contentFor, timerRemaining } from '@tandem/shared';
import type { Role, ScriptRunView } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';
import { formatCountdown } from '../timers/format';
import { useServerNow } from '../timers/TimersProvider';

/** The live step: whose turn, the turn timer, the viewer's own prompt and stems, and the controls they may use. */
export function ScriptRunner({ run, role }: { run: ScriptRunView; role: Role }) {
  const { t, i18n } = useTranslation();
  const { self, participants, emitWithAck } = useSessionSocket();
  const now = useServerNow(250);
  const [error, setError] = useState<AppError | null>(null);
  const content = contentFor(run.contents, i18n.language, run.language);
  const step = content?.steps[run.stepIndex];
  if (!content || !step) return null;
  const nameOf = (id: string | undefined) => participants.find((p) => p.id === id)?.name ?? '';
  const roleName = (id: string) => content.roles.find((r) => r.id === id)?.name ?? id;
  const speakerId = run.assignments[step.turn];
  const myRole = Object.entries(run.assignments).find(([, person]) => person === self?.id)?.[0];
  const myTurn = speakerId !== undefined && speakerId === self?.id;
  const remaining = timerRemaining(run.turnTimer, now);
  const last = run.stepIndex === content.steps.length - 1;

  const send = async (action: () => Promise<{ ok: boolean; error?: AppError }>) => {
    setError(null);
    const res = await action();
    if (!res.ok && res.error) setError(res.error);
  };

  const prompt = (roleId: string, mine: boolean) => (
    <div key={roleId} className={mine ? 'script-prompt script-prompt-mine' : 'script-prompt'} data-role-id={roleId}>
      <h4 className="script-prompt-role">
        {mine
          ? t('scripts.yourPrompt')
          : t('scripts.rolePrompt', { role: roleName(roleId), name: nameOf(run.assignments[roleId]) })}
      </h4>
      <p>{step.prompts[roleId]}</p>
    </div>
  );

  return (
    <div className="script-runner" data-step={run.stepIndex} data-status={run.status} data-my-role={myRole ?? ''}>
      <p className="script-name">{content.name}</p>
      <p role="status" className="script-step-line">
        <span className="script-step-count">
          {t('scripts.step', { current: run.stepIndex + 1, total: content.steps.length })}
        </span>
        <strong className="script-step-title">{step.title}</strong>
      </p>
      <div className="script-turn-row">
        <p className={myTurn ? 'script-turn script-turn-mine' : 'script-turn'}>
          {myTurn ? t('scripts.yourTurn') : t('scripts.turn', { name: nameOf(speakerId), role: roleName(step.turn) })}
        </p>
        <p
          className="script-timer"
          role="timer"
          aria-label={t('scripts.turnTime')}
          data-deadline={run.turnTimer.deadline ?? ''}
          data-timer-status={run.turnTimer.status}
        >
          {formatCountdown(remaining)}
        </p>
      </div>
      {run.status === 'paused' ? <p className="notice script-paused">{t('scripts.paused')}</p> : null}
      {run.speakerDone ? (
        <p className="muted">{t('scripts.speakerDone', { name: nameOf(speakerId) })}</p>
      ) : run.turnTimer.status === 'done' ? (
        <p className="muted">{t('scripts.turnOver')}</p>
      ) : null}
      {role === 'partner' && myRole ? (
        <p className="script-my-role">{t('scripts.yourRole', { role: roleName(myRole) })}</p>
      ) : null}
      <div className="script-prompts">
        {role === 'therapist' ? content.roles.map((r) => prompt(r.id, false)) : myRole ? prompt(myRole, true) : null}
      </div>
      {step.stems.length > 0 && (role === 'therapist' || myTurn) ? (
        <div className="script-stems">
          <h4>{t('scripts.stems')}</h4>
          <ul>
            {step.stems.map((stem) => (
              <li key={stem}>{stem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <div className="script-controls">
        {role === 'therapist' && (self?.seat ?? 'lead') === 'lead' ? (
          <>
            <Button
              className="btn btn-secondary btn-small"
              isDisabled={run.stepIndex === 0}
              onPress={() => void send(() => emitWithAck('script:back', {}))}
            >
              {t('scripts.back')}
            </Button>
            <Button
              className="btn btn-primary btn-small"
              onPress={() => void send(() => emitWithAck('script:next', {}))}
            >
              {last ? t('scripts.finish') : t('scripts.next')}
            </Button>
            <Button
              className="btn btn-secondary btn-small"
              onPress={() => void send(() => emitWithAck('script:swap', {}))}
            >
              {t('scripts.swap')}
            </Button>
            <Button
              className="btn btn-secondary btn-small"
              onPress={() => void send(() => emitWithAck('script:pause', { paused: run.status !== 'paused' }))}
            >
              {run.status === 'paused' ? t('scripts.resume') : t('scripts.pause')}
            </Button>
            <Button className="btn btn-quiet btn-small" onPress={() => void send(() => emitWithAck('script:end', {}))}>
              {t('scripts.end')}
            </Button>
          </>
        ) : myTurn && !run.speakerDone ? (
          <Button className="btn btn-primary btn-small" onPress={() => void send(() => emitWithAck('script:done', {}))}>
            {t('scripts.done')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
