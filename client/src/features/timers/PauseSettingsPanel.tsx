import { useState } from 'react';
import { Checkbox, CheckboxGroup, Label, Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PAUSE_EXERCISES } from '@tandem/shared';
import type { PauseSettings, PauseSettingsPayload } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import type { AppError } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';
import { useTimers } from './TimersProvider';

const LENGTHS = [2, 5, 10, 15, 20, 30] as const;

/** Therapist: the couple's pause settings (saved on every change; the room sees them at once). */
export function PauseSettingsPanel() {
  const { t } = useTranslation();
  const { emitWithAck } = useSessionSocket();
  const { view } = useTimers();
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  if (!view) return null;
  const s: PauseSettings = view.settings;

  const save = async (patch: PauseSettingsPayload) => {
    setError(null);
    setSaved(false);
    const res = await emitWithAck('pause:settings', patch);
    if (res.ok) setSaved(true);
    else setError(res.error);
  };

  return (
    <section aria-labelledby="pause-settings-heading" className="panel-section pause-settings">
      <h3 id="pause-settings-heading">{t('timers.settings.heading')}</h3>
      <CheckboxGroup
        className="field"
        value={s.choices.map(String)}
        onChange={(values) => {
          const choices = values.map(Number).sort((a, b) => a - b);
          if (choices.length === 0) return;
          const defaultMinutes = choices.includes(s.defaultMinutes) ? s.defaultMinutes : (choices.at(-1) ?? 20);
          void save({ choices, defaultMinutes });
        }}
      >
        <Label className="field-label">{t('timers.settings.choices')}</Label>
        <div className="chip-row">
          {LENGTHS.map((m) => (
            <Checkbox key={m} value={String(m)} className="chip">
              {t('timers.pause.minutes', { count: m })}
            </Checkbox>
          ))}
        </div>
      </CheckboxGroup>
      <SelectField
        label={t('timers.settings.defaultMinutes')}
        options={s.choices.map((m) => ({ id: String(m), label: t('timers.pause.minutes', { count: m }) }))}
        value={String(s.defaultMinutes)}
        onChange={(v) => void save({ defaultMinutes: Number(v) })}
      />
      <SelectField
        label={t('timers.settings.exercise')}
        options={PAUSE_EXERCISES.map((ex) => ({ id: ex, label: t(`timers.exercise.${ex}`) }))}
        value={s.exercise}
        onChange={(exercise) => void save({ exercise })}
      />
      <Switch className="switch" isSelected={s.showCaller} onChange={(showCaller) => void save({ showCaller })}>
        <span className="switch-track" aria-hidden="true" />
        {t('timers.settings.showCaller')}
      </Switch>
      <Switch className="switch" isSelected={s.mediaPaused} onChange={(mediaPaused) => void save({ mediaPaused })}>
        <span className="switch-track" aria-hidden="true" />
        {t('timers.settings.mediaPaused')}
      </Switch>
      <p role="status" className="muted">
        {saved ? t('timers.settings.saved') : ''}
      </p>
      <ErrorNotice error={error} />
    </section>
  );
}
