import { useState } from 'react';
import type { FormEvent } from 'react';
import { Checkbox, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import { DEFAULT_SESSION_MINUTES } from '@tandem/shared';
import type { CoupleDto, CreatedSessionDto, SessionKind } from '@tandem/shared';
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
  onCreated: (created: CreatedSessionDto) => void;
}

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
  const mail = useMail();
  const [emailLinks, setEmailLinks] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const invited = kind === 'individual' ? couple.partners.filter((p) => p.id === partnerId) : couple.partners;
  const withEmail = invited.filter((p) => mail.emailOf(p.id));
  const canEmail = mail.enabled && withEmail.length > 0;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await api.createSession({
      coupleId: couple.id,
      kind,
      ...(kind === 'individual' ? { partnerId } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      scheduledAt: dateValueToIso(scheduled),
      durationMinutes: Number.isFinite(minutes) ? minutes : DEFAULT_SESSION_MINUTES,
      ...(canEmail && emailLinks ? { emailInvites: true } : {}),
    });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setTitle('');
    setScheduled(null);
    if (result.data.emailed) mail.reload();
    onCreated(result.data);
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
        description={t('newSession.scheduledHint')}
        value={scheduled}
        onChange={setScheduled}
      />
      <NumberInputField
        label={t('newSession.length')}
        minValue={DURATION_MIN}
        maxValue={DURATION_MAX}
        step={5}
        value={minutes}
        onChange={setMinutes}
        isRequired
      />
      {canEmail ? (
        <Checkbox className="checkbox" isSelected={emailLinks} onChange={setEmailLinks}>
          <span className="checkbox-box" aria-hidden="true" />
          {t('mail.emailLinks', { names: withEmail.map((p) => p.displayName).join(', ') })}
        </Checkbox>
      ) : null}
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('newSession.submit')}
        </PendingButton>
      </div>
    </Form>
  );
}
