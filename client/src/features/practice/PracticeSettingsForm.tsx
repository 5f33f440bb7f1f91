import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  CONFIDENTIALITY_POLICIES,
  NOTE_FORMATS,
  PRACTICE_LIMITS,
  type ConfidentialityPolicy,
  type Language,
  type NoteFormat,
  type PracticeSettingsDto,
} from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { SelectField, TextInputField } from '../../components/fields';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { POLICY_KEYS } from '../couples/policy';

type FormatChoice = NoteFormat | 'none';

/** The practice's own settings (owner and admins): name, time zone, language, default policy, note format. */
export function PracticeSettingsForm() {
  const { t } = useTranslation();
  const query = useQuery('practice-settings', (signal) => api.practiceSettings({ signal }));
  const [draft, setDraft] = useState<PracticeSettingsDto | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const value = draft ?? query.data;
  if (!value) return <ErrorNotice error={query.error} onRetry={query.reload} />;
  const set = (patch: Partial<PracticeSettingsDto>) => {
    setDraft({ ...value, ...patch });
    setSaved(false);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await api.setPracticeSettings({ ...value, name: value.name.trim(), timeZone: value.timeZone.trim() });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setDraft(res.data);
    setSaved(true);
  };

  return (
    <section className="section card" aria-labelledby="practice-settings-heading">
      <h2 id="practice-settings-heading">{t('practice.settings.heading')}</h2>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <TextInputField
          label={t('practice.settings.name')}
          description={t('practice.settings.nameHint')}
          name="practiceName"
          autoComplete="organization"
          maxLength={PRACTICE_LIMITS.nameMax}
          value={value.name}
          onChange={(name) => set({ name })}
        />
        <TextInputField
          label={t('practice.settings.timeZone')}
          description={t('practice.settings.timeZoneHint')}
          name="timeZone"
          autoComplete="off"
          maxLength={64}
          value={value.timeZone}
          onChange={(timeZone) => set({ timeZone })}
        />
        <SelectField<Language>
          label={t('practice.settings.language')}
          value={value.language}
          onChange={(language) => set({ language })}
          options={[
            { id: 'en', label: 'English', lang: 'en' },
            { id: 'es', label: 'Español', lang: 'es' },
          ]}
        />
        <SelectField<ConfidentialityPolicy>
          label={t('practice.settings.defaultPolicy')}
          value={value.defaultPolicy}
          onChange={(defaultPolicy) => set({ defaultPolicy })}
          options={CONFIDENTIALITY_POLICIES.map((p) => ({ id: p, label: t(POLICY_KEYS[p].name) }))}
        />
        <SelectField<FormatChoice>
          label={t('practice.settings.noteFormat')}
          value={value.noteFormat ?? 'none'}
          onChange={(f) => set({ noteFormat: f === 'none' ? null : f })}
          options={[
            { id: 'none', label: t('practice.settings.noteFormatNone') },
            ...NOTE_FORMATS.map((f) => ({ id: f, label: t(`progressNote.formats.${f}`) })),
          ]}
        />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
            {t('practice.settings.save')}
          </PendingButton>
        </div>
        <ErrorNotice error={error} />
      </Form>
      <StatusLine>{saved ? t('practice.settings.saved') : ''}</StatusLine>
    </section>
  );
}
