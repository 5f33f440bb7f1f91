import { useState } from 'react';
import type { FormEvent } from 'react';
import { Checkbox, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import { DEFAULT_SESSION_MINUTES, SERIES_MAX_COUNT, SERIES_MIN_COUNT } from '@tandem/shared';
import type { CoupleDto, CreatedSessionDto, SeriesRepeat, SessionDto, SessionKind } from '@tandem/shared';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { DURATION_MAX, DURATION_MIN, TITLE_MAX } from '../../lib/validation';
import { ErrorNotice } from '../../components/feedback';
import { DateTimeField, dateValueToIso } from '../../components/DateTimeField';
import type { DateValue } from 'react-aria-components';
import { SelectField, TextInputField } from '../../components/fields';
import { NumberInputField } from '../../components/numberField';
import { useMail } from '../mail/MailContext';

interface NewSessionFormProps {
  couple: CoupleDto;
  /** The session created (the first of a series, with its links) and the series' other sessions. */
  onCreated: (created: CreatedSessionDto, more: SessionDto[]) => void;
}

type Repeat = 'none' | SeriesRepeat;

export function NewSessionForm({ couple, onCreated }: NewSessionFormProps) {
  const { t } = useTranslation();
  const jointPaused = couple.jointPausedAt !== null;
  const [chosenKind, setKind] = useState<SessionKind>(jointPaused ? 'individual' : 'joint');
  // While joint work is paused for safety only individual sessions can be booked (the server holds it too).
  const kind: SessionKind = jointPaused ? 'individual' : chosenKind;
  const [partnerId, setPartnerId] = useState(couple.partners[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [scheduled, setScheduled] = useState<DateValue | null>(null);
  const [minutes, setMinutes] = useState(DEFAULT_SESSION_MINUTES);
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [count, setCount] = useState(6);
  const mail = useMail();
  const [emailLinks, setEmailLinks] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [needsTime, setNeedsTime] = useState(false);

  const invited = kind === 'individual' ? couple.partners.filter((p) => p.id === partnerId) : couple.partners;
  const withEmail = invited.filter((p) => mail.emailOf(p.id));
  const canEmail = mail.enabled && withEmail.length > 0;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const scheduledAt = dateValueToIso(scheduled);
    // A series starts at a time: the first session needs one (the server holds it too).
    if (repeat !== 'none' && scheduledAt === null) {
      setNeedsTime(true);
      return;
    }
    setNeedsTime(false);
    setPending(true);
    const body = {
      coupleId: couple.id,
      kind,
      ...(kind === 'individual' ? { partnerId } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      durationMinutes: Number.isFinite(minutes) ? minutes : DEFAULT_SESSION_MINUTES,
    };
    // E-mailing the links is for one session (a series' later links are issued from each session).
    const emailInvites = repeat === 'none' && canEmail && emailLinks ? { emailInvites: true } : {};
    const result =
      repeat === 'none' || scheduledAt === null
        ? await api.createSession({ ...body, scheduledAt, ...emailInvites })
        : await api.createSeries({
            ...body,
            scheduledAt,
            repeat,
            count: Number.isFinite(count) ? count : SERIES_MIN_COUNT,
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setTitle('');
    setScheduled(null);
    if ('session' in result.data) {
      if (result.data.emailed) mail.reload();
      onCreated(result.data, []);
    } else {
      const [first, ...more] = result.data.sessions;
      if (first) onCreated({ session: first, invites: result.data.invites }, more);
    }
  };

  return (
    <Form className="form" onSubmit={(e) => void submit(e)}>
      <RadioGroup
        className="radio-group radio-inline"
        value={kind}
        orientation="horizontal"
        onChange={(value) => setKind(value === 'individual' ? 'individual' : 'joint')}
      >
        <Label className="field-label">{t('newSession.type')}</Label>
        <div className="radio-row">
          <Radio value="joint" className="radio radio-pill" isDisabled={jointPaused}>
            <span className="radio-dot" aria-hidden="true" />
            {t('newSession.joint')}
          </Radio>
          <Radio value="individual" className="radio radio-pill">
            <span className="radio-dot" aria-hidden="true" />
            {t('newSession.individual')}
          </Radio>
        </div>
      </RadioGroup>
      {jointPaused ? <p className="field-description">{t('newSession.jointPaused')}</p> : null}
      {kind === 'individual' ? (
        <SelectField
          label={t('newSession.partner')}
          options={couple.partners.map((p) => ({ id: p.id, label: p.displayName }))}
          value={partnerId}
          onChange={setPartnerId}
        />
      ) : null}
      <TextInputField
        label={t('newSession.title')}
        description={t('therapistSession.titleHint')}
        maxLength={TITLE_MAX}
        value={title}
        onChange={setTitle}
      />
      <DateTimeField
        label={t('newSession.scheduledAt')}
        description={repeat === 'none' ? t('newSession.scheduledHint') : t('schedule.series.firstHint')}
        value={scheduled}
        onChange={(v) => {
          setScheduled(v);
          setNeedsTime(false);
        }}
      />
      {needsTime ? (
        <p className="field-error" role="alert">
          {t('schedule.series.needsTime')}
        </p>
      ) : null}
      <NumberInputField
        label={t('newSession.length')}
        minValue={DURATION_MIN}
        maxValue={DURATION_MAX}
        step={5}
        value={minutes}
        onChange={setMinutes}
        isRequired
      />
      <RadioGroup
        className="radio-group radio-inline"
        value={repeat}
        orientation="horizontal"
        onChange={(value) => setRepeat(value === 'weekly' || value === 'fortnightly' ? value : 'none')}
      >
        <Label className="field-label">{t('schedule.series.repeat')}</Label>
        <div className="radio-row">
          {(['none', 'weekly', 'fortnightly'] as const).map((value) => (
            <Radio key={value} value={value} className="radio radio-pill">
              <span className="radio-dot" aria-hidden="true" />
              {t(`schedule.series.${value}`)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {repeat !== 'none' ? (
        <NumberInputField
          label={t('schedule.series.count')}
          description={t('schedule.series.countHint', { min: SERIES_MIN_COUNT, max: SERIES_MAX_COUNT })}
          minValue={SERIES_MIN_COUNT}
          maxValue={SERIES_MAX_COUNT}
          step={1}
          value={count}
          onChange={setCount}
          isRequired
        />
      ) : null}
      {canEmail && repeat === 'none' ? (
        <Checkbox className="checkbox" isSelected={emailLinks} onChange={setEmailLinks}>
          <span className="checkbox-box" aria-hidden="true" />
          {t('mail.emailLinks', { names: withEmail.map((p) => p.displayName).join(', ') })}
        </Checkbox>
      ) : null}
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {repeat === 'none' ? t('newSession.submit') : t('schedule.series.submit')}
        </PendingButton>
      </div>
    </Form>
  );
}
