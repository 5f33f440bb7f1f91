import { useState } from 'react';
import { Button, Checkbox, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SCREENING_LIMITS, TELEHEALTH_CONSENT, type IntakeDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { SelectField, TextInputField } from '../../components/fields';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { lang } from '../measures/measureText';
import { countryName, countryOptions } from './countries';

interface Draft {
  contactName: string;
  contactPhone: string;
  contactRelation: string;
  address: string;
  country: string;
  consent: boolean;
}

const fromIntake = (i: IntakeDto | null): Draft => ({
  contactName: i?.contactName ?? '',
  contactPhone: i?.contactPhone ?? '',
  contactRelation: i?.contactRelation ?? '',
  address: i?.address ?? '',
  country: i?.country ?? '',
  consent: i !== null && i.consentVersion === TELEHEALTH_CONSENT.version,
});

/**
 * The partner's intake on their own page: an emergency contact, their usual address and country, and the consent
 * to telehealth. Only their therapist reads it. Shown as a summary once given, with a button to change it.
 */
export function IntakeSection({ intake, onSaved }: { intake: IntakeDto | null; onSaved: (i: IntakeDto) => void }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(intake === null);
  const [draft, setDraft] = useState<Draft>(() => fromIntake(intake));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const other = t('screening.country.other');

  const submit = async () => {
    const gaps = [
      draft.contactName.trim() === '' && t('screening.intake.contactName'),
      draft.contactPhone.trim() === '' && t('screening.intake.contactPhone'),
      draft.contactRelation.trim() === '' && t('screening.intake.contactRelation'),
      draft.address.trim() === '' && t('screening.intake.address'),
      draft.country === '' && t('screening.intake.country'),
      !draft.consent && t('screening.intake.consentLabel'),
    ].filter((x): x is string => typeof x === 'string');
    setMissing(gaps);
    if (gaps.length > 0 || !draft.consent) return;
    setPending(true);
    setError(null);
    const res = await api.saveIntake({ ...draft, consent: true, consentVersion: TELEHEALTH_CONSENT.version });
    setPending(false);
    if (!res.ok) return setError(res.error);
    onSaved(res.data);
    setEditing(false);
    setNote(t('screening.intake.saved'));
  };

  return (
    <section className="card between-section" aria-labelledby="intake-heading" data-section="intake">
      <h2 id="intake-heading">{t('screening.intake.heading')}</h2>
      <p className="muted">{t('screening.intake.lead')}</p>
      {!editing && intake ? (
        <>
          <dl className="details intake-summary">
            <div className="details-row">
              <dt>{t('screening.intake.contact')}</dt>
              <dd>
                {intake.contactName} ({intake.contactRelation}) · <span dir="ltr">{intake.contactPhone}</span>
              </dd>
            </div>
            <div className="details-row">
              <dt>{t('screening.intake.address')}</dt>
              <dd>
                {intake.address} · {countryName(intake.country, i18n.language, other)}
              </dd>
            </div>
            <div className="details-row">
              <dt>{t('screening.intake.consent')}</dt>
              <dd>{t('screening.intake.consentGiven', { date: formatDateTime(intake.consentAt, i18n.language) })}</dd>
            </div>
          </dl>
          <Button
            className="btn btn-secondary"
            // Just saved: focus lands here (the form it replaces is gone).
            autoFocus={note !== ''}
            onPress={() => (setDraft(fromIntake(intake)), setEditing(true), setNote(''))}
          >
            {t('screening.intake.change')}
          </Button>
          <StatusLine>{note}</StatusLine>
        </>
      ) : (
        <Form
          className="form intake-form"
          aria-labelledby="intake-heading"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <fieldset className="intake-group">
            <legend className="field-label">{t('screening.intake.contact')}</legend>
            <TextInputField
              label={t('screening.intake.contactName')}
              value={draft.contactName}
              onChange={(contactName) => set({ contactName })}
              maxLength={SCREENING_LIMITS.nameChars}
              autoComplete="off"
            />
            <TextInputField
              label={t('screening.intake.contactPhone')}
              value={draft.contactPhone}
              onChange={(contactPhone) => set({ contactPhone })}
              maxLength={SCREENING_LIMITS.phoneChars}
              type="tel"
              autoComplete="off"
            />
            <TextInputField
              label={t('screening.intake.contactRelation')}
              description={t('screening.intake.contactRelationHint')}
              value={draft.contactRelation}
              onChange={(contactRelation) => set({ contactRelation })}
              maxLength={SCREENING_LIMITS.relationChars}
            />
          </fieldset>
          <TextInputField
            label={t('screening.intake.address')}
            description={t('screening.intake.addressHint')}
            value={draft.address}
            onChange={(address) => set({ address })}
            maxLength={SCREENING_LIMITS.addressChars}
            autoComplete="street-address"
          />
          <SelectField
            label={t('screening.intake.country')}
            options={countryOptions(i18n.language, t('screening.country.choose'), other)}
            value={draft.country}
            onChange={(country) => set({ country })}
          />
          <div className="consent-box">
            <p className="consent-text" lang={lang(i18n.language)}>
              {TELEHEALTH_CONSENT.text[lang(i18n.language)]}
            </p>
            <Checkbox className="checkbox" isSelected={draft.consent} onChange={(consent) => set({ consent })}>
              <span className="checkbox-box" aria-hidden="true" />
              {t('screening.intake.consentLabel')}
            </Checkbox>
          </div>
          {missing.length > 0 ? (
            <p role="alert" className="field-error">
              {t('screening.intake.missing', { fields: missing.join(', ') })}
            </p>
          ) : null}
          <ErrorNotice error={error} />
          <div className="form-actions">
            <PendingButton type="submit" className="btn btn-primary" pending={pending}>
              {t('screening.intake.save')}
            </PendingButton>
            {intake ? (
              <Button className="btn btn-secondary" onPress={() => setEditing(false)}>
                {t('screening.intake.cancel')}
              </Button>
            ) : null}
          </div>
        </Form>
      )}
    </section>
  );
}
