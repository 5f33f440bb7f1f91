import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice } from '../../components/feedback';
import { TextInputField } from '../../components/fields';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { TITLE_MAX } from '../../lib/validation';
import { isUntitled } from '../room/roomTitle';

/** "Edit title" on a session of the couple's page: the therapist's own words, or empty to name it by its date. */
export function SessionTitleEditor({
  session,
  title,
  onSaved,
}: {
  session: SessionDto;
  /** What the list shows now (for the button's accessible name). */
  title: string;
  onSaved: (session: SessionDto) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  if (!open) {
    return (
      <Button
        className="btn btn-quiet btn-small"
        onPress={() => {
          setValue(isUntitled(session) ? '' : session.title);
          setError(null);
          setOpen(true);
        }}
      >
        {t('therapistSession.edit.button')}
        <span className="visually-hidden">: {title}</span>
      </Button>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await api.updateSession(session.id, { title: value.trim() });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setOpen(false);
    onSaved(result.data);
  };

  return (
    <Form className="form session-title-form" onSubmit={(e) => void submit(e)}>
      <TextInputField
        label={t('therapistSession.edit.label')}
        description={t('therapistSession.titleHint')}
        maxLength={TITLE_MAX}
        value={value}
        onChange={(v) => {
          setValue(v);
          setError(null);
        }}
        autoFocus
      />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary btn-small" pending={pending}>
          {t('therapistSession.edit.save')}
        </PendingButton>
        <Button className="btn btn-quiet btn-small" onPress={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
      <ErrorNotice error={error} />
    </Form>
  );
}
