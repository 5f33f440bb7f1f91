import { useState } from 'react';
import { Checkbox, Form, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { BETWEEN_LIMITS, type HomeworkDto, type HomeworkMarkBody } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { api, type ApiResult, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

const DONE_KEYS = {
  none: 'between.tasks.doneOnce',
  daily: 'between.tasks.doneToday',
  weekly: 'between.tasks.doneThisWeek',
};
const REPEAT_KEYS = { none: 'between.tasks.once', daily: 'between.tasks.daily', weekly: 'between.tasks.weekly' };

/** One task on a partner's page: its tick for the current day or week (saved at once) and a private reflection. */
export function TaskCard({
  task,
  onSaved,
  save: send = (body) => api.markHomework(task.id, body),
  headingLevel = 3,
}: {
  task: HomeworkDto;
  onSaved: (task: HomeworkDto) => void;
  /** Where the tick goes (default: the partner's own page; the room sends it through the session's link). */
  save?: (body: HomeworkMarkBody) => Promise<ApiResult<HomeworkDto>>;
  headingLevel?: 3 | 4;
}) {
  const { t, i18n } = useTranslation();
  const current = task.marks.find((m) => m.period === task.currentPeriod);
  const [done, setDone] = useState(current?.done ?? false);
  const [reflection, setReflection] = useState(current?.reflection ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');
  const headingId = `task-${task.id}`;

  const save = async (nextDone: boolean) => {
    setPending(true);
    setError(null);
    setNote(t('between.saving'));
    const res = await send({ done: nextDone, reflection: reflection.trim() === '' ? null : reflection });
    setPending(false);
    if (res.ok) {
      setNote(t('between.saved'));
      onSaved(res.data);
    } else {
      setNote('');
      setError(res.error);
    }
  };

  const Heading = headingLevel === 4 ? 'h4' : 'h3';
  const due = task.dueAt ? formatDateTime(task.dueAt, i18n.language) : null;
  return (
    <li className="card between-task" aria-labelledby={headingId}>
      <Heading id={headingId} className="between-task-text">
        {task.text}
      </Heading>
      <p className="muted between-task-meta">
        {task.partnerId === null ? t('between.tasks.forBoth') : t('between.tasks.forYou')} ·{' '}
        {t(REPEAT_KEYS[task.repeat])}
        {due ? ` · ${t('between.tasks.due', { date: due })}` : ''}
      </p>
      <Form
        className="form between-task-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(done);
        }}
      >
        <Checkbox
          className="checkbox between-check"
          isSelected={done}
          isDisabled={pending}
          onChange={(value) => {
            setDone(value);
            void save(value);
          }}
        >
          <span className="checkbox-box" aria-hidden="true" />
          {t(DONE_KEYS[task.repeat])}
        </Checkbox>
        <TextField
          className="field"
          value={reflection}
          onChange={setReflection}
          maxLength={BETWEEN_LIMITS.reflectionChars}
        >
          <Label className="field-label">{t('between.tasks.reflection')}</Label>
          <TextArea className="input textarea" rows={3} />
          <Text slot="description" className="field-description">
            {t('between.tasks.reflectionHint')}
          </Text>
        </TextField>
        <ErrorNotice error={error} />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
            {t('between.tasks.save')}
          </PendingButton>
          <StatusLine className="save-status">{note}</StatusLine>
        </div>
      </Form>
    </li>
  );
}
