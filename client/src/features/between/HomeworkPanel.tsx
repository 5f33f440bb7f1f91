import { useState } from 'react';
import { Form, Label, Radio, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';
import type { DateValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  BETWEEN_LIMITS,
  type HomeworkDto,
  type HomeworkRepeat,
  type SessionHomeworkDto,
  type SessionKind,
} from '@tandem/shared';
import { DateTimeField, dateValueToIso } from '../../components/DateTimeField';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { HomeworkMarksTable } from './BetweenOverview';
import '../../styles/between.css';

interface Person {
  id: string;
  name: string;
}

const BOTH = 'both';
const REPEATS: HomeworkRepeat[] = ['none', 'daily', 'weekly'];
const REPEAT_KEYS = { none: 'homework.once', daily: 'homework.daily', weekly: 'homework.weekly' } as const;

/**
 * On the session record: the task agreed at this session (for one partner or both, once with an optional due
 * date, or daily or weekly), prefilled from the progress note's task; and the last task before this session with
 * each partner's tick and reflection, to review at the check-in.
 */
export function HomeworkPanel({
  sessionId,
  kind,
  partners,
}: {
  sessionId: string;
  kind: SessionKind;
  partners: Person[];
}) {
  const { t } = useTranslation();
  const state = useQuery(`homework:${sessionId}`, (signal) => api.sessionHomework(sessionId, { signal }));
  const names = new Map(partners.map((p) => [p.id, p.name]));
  return (
    <section className="card record-section" aria-labelledby="homework-heading" data-record-section="homework">
      <h2 id="homework-heading">{t('homework.heading')}</h2>
      <p className="muted">{t('homework.lead')}</p>
      {state.loading ? <Loading /> : null}
      <ErrorNotice error={state.error} onRetry={state.reload} />
      {state.data ? (
        <>
          <h3>{t('homework.previous')}</h3>
          {state.data.previous.length === 0 ? (
            <p className="empty">{t('homework.noPrevious')}</p>
          ) : (
            <HomeworkMarksTable
              tasks={state.data.previous}
              names={names}
              caption={t('homework.previous')}
              captionHidden
            />
          )}
          <h3>{t('homework.agreed')}</h3>
          {state.data.agreed.length > 0 ? (
            <>
              <HomeworkMarksTable
                tasks={state.data.agreed}
                names={names}
                caption={t('homework.agreed')}
                captionHidden
              />
              <OpenTasks
                tasks={state.data.agreed.filter((task) => task.closedAt === null)}
                onClosed={(closed) =>
                  state.setData((d) => ({ ...d, agreed: d.agreed.map((x) => (x.id === closed.id ? closed : x)) }))
                }
              />
            </>
          ) : null}
          <HomeworkForm
            key={state.data.suggestedText ?? ''}
            sessionId={sessionId}
            kind={kind}
            partners={partners}
            suggested={state.data.agreed.length === 0 ? state.data.suggestedText : null}
            onAdded={(data) => state.setData(data)}
          />
        </>
      ) : null}
    </section>
  );
}

/** The tasks still on the partners' pages, each with a way to close it (its marks stay). */
function OpenTasks({ tasks, onClosed }: { tasks: HomeworkDto[]; onClosed: (task: HomeworkDto) => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');
  if (tasks.length === 0) return <StatusLine>{note}</StatusLine>;
  return (
    <>
      <ul className="homework-list">
        {tasks.map((task) => (
          <li key={task.id} className="homework-open">
            <span>{task.text}</span>
            <PendingButton
              className="btn btn-quiet btn-small"
              pending={pending === task.id}
              aria-label={t('homework.closeLabel', { task: task.text })}
              onPress={async () => {
                setPending(task.id);
                setError(null);
                const res = await api.closeHomework(task.id);
                setPending(null);
                if (!res.ok) return setError(res.error);
                setNote(t('homework.closedNote'));
                onClosed(res.data);
              }}
            >
              {t('homework.close')}
            </PendingButton>
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
      <StatusLine>{note}</StatusLine>
    </>
  );
}

function HomeworkForm(props: {
  sessionId: string;
  kind: SessionKind;
  partners: Person[];
  suggested: string | null;
  onAdded: (data: SessionHomeworkDto) => void;
}) {
  const { t } = useTranslation();
  const individual = props.kind === 'individual';
  const [forWhom, setForWhom] = useState<string>(individual ? (props.partners[0]?.id ?? BOTH) : BOTH);
  const [text, setText] = useState(props.suggested ?? '');
  const [repeat, setRepeat] = useState<HomeworkRepeat>('none');
  const [due, setDue] = useState<DateValue | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [note, setNote] = useState('');
  const choices = individual ? props.partners : [{ id: BOTH, name: t('homework.forBoth') }, ...props.partners];

  const submit = async () => {
    setInvalid(text.trim() === '');
    if (text.trim() === '') return;
    setPending(true);
    setError(null);
    const res = await api.addHomework(props.sessionId, {
      partnerId: forWhom === BOTH ? null : forWhom,
      text,
      repeat,
      dueAt: repeat === 'none' ? dateValueToIso(due) : null,
    });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setText('');
    setDue(null);
    setNote(t('homework.added'));
    props.onAdded(res.data);
  };

  return (
    <Form
      className="form homework-form"
      aria-labelledby="homework-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <RadioGroup className="radio-group" value={forWhom} orientation="horizontal" onChange={setForWhom}>
        <Label className="field-label">{t('homework.for')}</Label>
        <div className="radio-row">
          {choices.map((c) => (
            <Radio key={c.id} value={c.id} className="radio radio-pill">
              <span className="radio-dot" aria-hidden="true" />
              {c.name}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <TextField
        className="field"
        value={text}
        onChange={setText}
        maxLength={BETWEEN_LIMITS.taskChars}
        isInvalid={invalid}
        name="task"
      >
        <Label className="field-label">{t('homework.text')}</Label>
        <TextArea className="input textarea" rows={2} />
        {invalid ? (
          <Text slot="errorMessage" className="field-error">
            {t('homework.textRequired')}
          </Text>
        ) : null}
      </TextField>
      <RadioGroup
        className="radio-group"
        value={repeat}
        orientation="horizontal"
        onChange={(v) => setRepeat(v === 'daily' || v === 'weekly' ? v : 'none')}
      >
        <Label className="field-label">{t('homework.repeat')}</Label>
        <div className="radio-row">
          {REPEATS.map((r) => (
            <Radio key={r} value={r} className="radio radio-pill">
              <span className="radio-dot" aria-hidden="true" />
              {t(REPEAT_KEYS[r])}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {repeat === 'none' ? <DateTimeField label={t('homework.due')} value={due} onChange={setDue} /> : null}
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('homework.add')}
        </PendingButton>
      </div>
      <StatusLine>{note}</StatusLine>
    </Form>
  );
}
