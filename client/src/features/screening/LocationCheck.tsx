import { useState } from 'react';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SCREENING_LIMITS, type MyLocationDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { SelectField, TextInputField } from '../../components/fields';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { countryName, countryOptions } from './countries';
import './screening.css';

type Where = 'usual' | 'other';

/**
 * In the waiting room: where the partner is right now (their usual place, or another address) and whether they are
 * somewhere private. Only their therapist sees it, beside them in the room.
 */
export function LocationCheck({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const mine = useQuery(`location:${sessionId}`, (signal) => api.myLocation(sessionId, { signal }));
  return (
    <section className="location-check" aria-labelledby="location-heading" data-section="location">
      <h2 id="location-heading">{t('screening.location.heading')}</h2>
      <p className="muted">{t('screening.location.lead')}</p>
      {mine.loading ? <Loading /> : null}
      <ErrorNotice error={mine.error} onRetry={mine.reload} />
      {mine.data ? <LocationForm sessionId={sessionId} mine={mine.data} onSaved={(d) => mine.setData(d)} /> : null}
    </section>
  );
}

function LocationForm({
  sessionId,
  mine,
  onSaved,
}: {
  sessionId: string;
  mine: MyLocationDto;
  onSaved: (d: MyLocationDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const current = mine.current;
  const hasUsual = mine.usualAddress !== null;
  const [editing, setEditing] = useState(current === null);
  const [where, setWhere] = useState<Where>(
    current ? (current.usual ? 'usual' : 'other') : hasUsual ? 'usual' : 'other',
  );
  const [address, setAddress] = useState(current?.address ?? '');
  const [country, setCountry] = useState(current?.country ?? mine.usualCountry ?? '');
  const [privacy, setPrivacy] = useState<'yes' | 'no' | ''>(current ? (current.private ? 'yes' : 'no') : '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState(false);
  const [note, setNote] = useState('');
  const other = t('screening.country.other');

  const submit = async () => {
    const incomplete = privacy === '' || (where === 'other' && (address.trim() === '' || country === ''));
    setMissing(incomplete);
    if (incomplete) return;
    setPending(true);
    setError(null);
    const usual = where === 'usual';
    const res = await api.confirmLocation(sessionId, {
      usual,
      address: usual ? null : address,
      country: usual ? null : country,
      private: privacy === 'yes',
    });
    setPending(false);
    if (!res.ok) return setError(res.error);
    onSaved(res.data);
    setEditing(false);
    setNote(t('screening.location.saved'));
  };

  if (!editing && current) {
    const place = current.usual
      ? (mine.usualAddress ?? '')
      : `${current.address ?? ''} · ${countryName(current.country ?? '', i18n.language, other)}`;
    return (
      <div className="location-summary">
        <p>
          <strong>{current.usual ? t('screening.location.atUsual') : t('screening.location.atOther')}</strong> {place}
        </p>
        <p>{current.private ? t('screening.location.isPrivate') : t('screening.location.notPrivate')}</p>
        <Button className="btn btn-secondary btn-small" onPress={() => setEditing(true)}>
          {t('screening.location.change')}
        </Button>
        <StatusLine>{note}</StatusLine>
      </div>
    );
  }

  return (
    <Form
      className="form location-form"
      aria-labelledby="location-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <RadioGroup className="radio-group" value={where} onChange={(v) => setWhere(v === 'usual' ? 'usual' : 'other')}>
        <Label className="field-label">{t('screening.location.where')}</Label>
        {hasUsual ? (
          <Radio value="usual" className="radio">
            <span className="radio-dot" aria-hidden="true" />
            {t('screening.location.usual', { address: mine.usualAddress })}
          </Radio>
        ) : null}
        <Radio value="other" className="radio">
          <span className="radio-dot" aria-hidden="true" />
          {t('screening.location.other')}
        </Radio>
      </RadioGroup>
      {where === 'other' ? (
        <>
          <TextInputField
            label={t('screening.location.address')}
            value={address}
            onChange={setAddress}
            maxLength={SCREENING_LIMITS.addressChars}
          />
          <SelectField
            label={t('screening.intake.country')}
            options={countryOptions(i18n.language, t('screening.country.choose'), other)}
            value={country}
            onChange={setCountry}
          />
        </>
      ) : null}
      <RadioGroup
        className="radio-group"
        value={privacy}
        orientation="horizontal"
        onChange={(v) => setPrivacy(v === 'yes' ? 'yes' : v === 'no' ? 'no' : '')}
      >
        <Label className="field-label">{t('screening.location.private')}</Label>
        <div className="radio-row">
          {(['yes', 'no'] as const).map((v) => (
            <Radio key={v} value={v} className="radio radio-pill">
              <span className="radio-dot" aria-hidden="true" />
              {t(`screening.location.${v}`)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {missing ? (
        <p role="alert" className="field-error">
          {t('screening.location.missing')}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('screening.location.confirm')}
        </PendingButton>
      </div>
    </Form>
  );
}
