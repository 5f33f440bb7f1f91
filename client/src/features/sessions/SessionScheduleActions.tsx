import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { parseAbsoluteToLocal, toCalendarDateTime } from '@internationalized/date';
import { Button, Checkbox, Form } from 'react-aria-components';
import type { DateValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '@tandem/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTimeField, dateValueToIso } from '../../components/DateTimeField';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice } from '../../components/feedback';
import { NumberInputField } from '../../components/numberField';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { DURATION_MAX, DURATION_MIN } from '../../lib/validation';

interface Props {
  session: SessionDto;
  /** What the list shows now (for the buttons' accessible names). */
  title: string;
  onChanged: (session: SessionDto) => void;
  /** Some sessions were cancelled (this one, maybe the later ones of its series): reload the list. */
  onCancelled: (ids: string[]) => void;
}

/** Move a session that has not started (its links follow the new time); the field takes focus when it opens. */
function RescheduleForm({ session, title, onChanged, onClose }: Omit<Props, 'onCancelled'> & { onClose: () => void }) {
  const { t } = useTranslation();
  const [when, setWhen] = useState<DateValue | null>(() =>
    session.scheduledAt ? toCalendarDateTime(parseAbsoluteToLocal(session.scheduledAt)) : null,
  );
  const [minutes, setMinutes] = useState(session.durationMinutes);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="spinbutton"]')?.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await api.updateSession(session.id, {
      scheduledAt: dateValueToIso(when),
      durationMinutes: Number.isFinite(minutes) ? minutes : session.durationMinutes,
    });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    onChanged(result.data);
  };

  return (
    <Form
      ref={ref}
      className="form session-reschedule"
      aria-label={t('schedule.reschedule.label', { title })}
      onSubmit={(e) => void submit(e)}
    >
      <DateTimeField
        label={t('newSession.scheduledAt')}
        description={t('schedule.reschedule.hint')}
        value={when}
        onChange={setWhen}
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
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary btn-small" pending={pending}>
          {t('schedule.reschedule.save')}
        </PendingButton>
        <Button className="btn btn-quiet btn-small" onPress={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** Cancel a session that has not started, after confirming; in a series, optionally the later ones too. */
function CancelSession({ session, title, onCancelled }: Omit<Props, 'onChanged'>) {
  const { t } = useTranslation();
  const [following, setFollowing] = useState(false);
  const later = session.series !== null && session.series.index < session.series.count;
  const cancel = async (): Promise<AppError | null> => {
    const result = await api.cancelSession(session.id, later && following);
    if (!result.ok) return result.error;
    onCancelled(result.data.cancelled);
    return null;
  };
  return (
    <ConfirmDialog
      triggerLabel={t('schedule.cancel.button')}
      triggerClassName="btn btn-quiet btn-small"
      title={t('schedule.cancel.title', { title })}
      body={t('schedule.cancel.body')}
      confirmLabel={t('schedule.cancel.confirm')}
      dismissLabel={t('schedule.cancel.keep')}
      onConfirm={cancel}
    >
      {later ? (
        <Checkbox className="checkbox" isSelected={following} onChange={setFollowing}>
          <span className="checkbox-box" aria-hidden="true" />
          {t('schedule.cancel.following')}
        </Checkbox>
      ) : null}
    </ConfirmDialog>
  );
}

/** A scheduled session's actions: move it, cancel it, add it to a calendar (.ics). */
export function SessionScheduleActions(props: Props) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState(false);
  // Back on the button when the form closes (saved or not), so the keyboard stays where it was.
  const trigger = useRef<HTMLButtonElement>(null);
  const wasMoving = useRef(false);
  useEffect(() => {
    if (wasMoving.current && !moving) trigger.current?.focus();
    wasMoving.current = moving;
  }, [moving]);
  if (props.session.status !== 'scheduled') return null;
  return (
    <>
      {!moving ? (
        <Button ref={trigger} className="btn btn-quiet btn-small" onPress={() => setMoving(true)}>
          {t('schedule.reschedule.button')}
          <span className="visually-hidden">: {props.title}</span>
        </Button>
      ) : null}
      {props.session.scheduledAt ? (
        <a
          className="btn btn-quiet btn-small"
          href={`/api/sessions/${encodeURIComponent(props.session.id)}/session.ics`}
          download="tandem-session.ics"
        >
          {t('schedule.ics')}
          <span className="visually-hidden">: {props.title}</span>
        </a>
      ) : null}
      <CancelSession {...props} />
      {moving ? <RescheduleForm {...props} onClose={() => setMoving(false)} /> : null}
    </>
  );
}
