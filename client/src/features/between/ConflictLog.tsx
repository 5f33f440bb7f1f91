import { useState } from 'react';
import { Button, Form, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { getLocalTimeZone, now, parseAbsoluteToLocal, toCalendarDateTime } from '@internationalized/date';
import type { DateValue } from 'react-aria-components';
import { BETWEEN_LIMITS, type ConflictEntryBody, type ConflictEntryDto } from '@tandem/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTimeField, dateValueToIso } from '../../components/DateTimeField';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { NumberInputField } from '../../components/numberField';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

type Pause = 'yes' | 'no' | 'unsaid';
interface Draft {
  when: DateValue | null;
  duration: number;
  repair: number;
  pause: Pause;
  helped: string;
}

// A local date and time without its zone's name in the field (the device's zone is meant).
const blank = (): Draft => ({
  when: toCalendarDateTime(now(getLocalTimeZone())),
  duration: NaN,
  repair: NaN,
  pause: 'unsaid',
  helped: '',
});
const fromEntry = (e: ConflictEntryDto): Draft => ({
  when: toCalendarDateTime(parseAbsoluteToLocal(e.occurredAt)),
  duration: e.durationMin ?? NaN,
  repair: e.repairMin ?? NaN,
  pause: e.pauseUsed === null ? 'unsaid' : e.pauseUsed ? 'yes' : 'no',
  helped: e.helped ?? '',
});
const minutesOrNull = (n: number) => (Number.isFinite(n) ? Math.round(n) : null);

function toBody(d: Draft): ConflictEntryBody | null {
  const occurredAt = dateValueToIso(d.when);
  if (!occurredAt) return null;
  return {
    occurredAt,
    durationMin: minutesOrNull(d.duration),
    repairMin: minutesOrNull(d.repair),
    pauseUsed: d.pause === 'unsaid' ? null : d.pause === 'yes',
    helped: d.helped.trim() === '' ? null : d.helped,
  };
}

/** The partner's conflict log: a form (only "when" is needed) and their own entries, to change or delete. */
export function ConflictLog({
  entries,
  onChange,
}: {
  entries: ConflictEntryDto[];
  onChange: (entries: ConflictEntryDto[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(blank);
  const [editing, setEditing] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [note, setNote] = useState('');
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    const body = toBody(draft);
    setInvalid(body === null);
    if (!body) return;
    setPending(true);
    setError(null);
    const res = editing ? await api.updateConflict(editing, body) : await api.addConflict(body);
    setPending(false);
    if (!res.ok) return setError(res.error);
    const rest = entries.filter((e) => e.id !== res.data.id);
    onChange([res.data, ...rest].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1)));
    setNote(editing ? t('between.conflict.updated') : t('between.conflict.added'));
    setEditing(null);
    setDraft(blank());
  };

  const minutes = (n: number | null) => (n === null ? null : t('between.conflict.minutes', { count: n }));
  return (
    <>
      <Form
        className="form between-conflict-form"
        aria-labelledby="conflict-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DateTimeField
          label={t('between.conflict.when')}
          value={draft.when}
          onChange={(when) => set({ when })}
          description={invalid ? t('between.conflict.whenRequired') : undefined}
        />
        <div className="between-minutes">
          <NumberInputField
            label={t('between.conflict.duration')}
            value={draft.duration}
            onChange={(duration) => set({ duration })}
            minValue={0}
            maxValue={BETWEEN_LIMITS.maxMinutes}
            step={1}
          />
          <NumberInputField
            label={t('between.conflict.repair')}
            value={draft.repair}
            onChange={(repair) => set({ repair })}
            minValue={0}
            maxValue={BETWEEN_LIMITS.maxMinutes}
            step={1}
          />
        </div>
        <RadioGroup
          className="radio-group"
          value={draft.pause}
          orientation="horizontal"
          onChange={(v) => set({ pause: v === 'yes' || v === 'no' ? v : 'unsaid' })}
        >
          <Label className="field-label">{t('between.conflict.pause')}</Label>
          <div className="radio-row">
            {(['yes', 'no', 'unsaid'] as const).map((v) => (
              <Radio key={v} value={v} className="radio radio-pill">
                <span className="radio-dot" aria-hidden="true" />
                {t(`between.conflict.pause${v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Unsaid'}`)}
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <TextField
          className="field"
          value={draft.helped}
          onChange={(helped) => set({ helped })}
          maxLength={BETWEEN_LIMITS.helpedChars}
        >
          <Label className="field-label">{t('between.conflict.helped')}</Label>
          <TextArea className="input textarea" rows={2} />
        </TextField>
        <ErrorNotice error={error} />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-primary" pending={pending}>
            {editing ? t('between.conflict.update') : t('between.conflict.add')}
          </PendingButton>
          {editing ? (
            <Button
              className="btn btn-secondary"
              onPress={() => {
                setEditing(null);
                setDraft(blank());
              }}
            >
              {t('between.conflict.cancel')}
            </Button>
          ) : null}
        </div>
        <StatusLine>{note}</StatusLine>
      </Form>
      <h3 className="between-subheading">{t('between.conflict.listHeading')}</h3>
      {entries.length === 0 ? <p className="empty">{t('between.conflict.empty')}</p> : null}
      <ul className="between-entries">
        {entries.map((e) => {
          const facts = [
            minutes(e.durationMin) && t('between.conflict.lasted', { value: minutes(e.durationMin) }),
            minutes(e.repairMin) && t('between.conflict.repaired', { value: minutes(e.repairMin) }),
            e.pauseUsed === null ? null : e.pauseUsed ? t('between.conflict.paused') : t('between.conflict.notPaused'),
          ].filter(Boolean);
          const when = formatDateTime(e.occurredAt, i18n.language) ?? '';
          return (
            <li key={e.id} className="between-entry" data-entry={e.id}>
              <p className="between-entry-when">{when}</p>
              {facts.length > 0 ? <p className="muted">{facts.join(' · ')}</p> : null}
              {e.helped ? <p className="between-entry-helped">{e.helped}</p> : null}
              <div className="between-entry-actions">
                <Button
                  className="btn btn-quiet btn-small"
                  aria-label={`${t('between.conflict.edit')}: ${when}`}
                  onPress={() => {
                    setEditing(e.id);
                    setDraft(fromEntry(e));
                    setNote('');
                  }}
                >
                  {t('between.conflict.edit')}
                </Button>
                <ConfirmDialog
                  triggerLabel={t('between.conflict.delete')}
                  triggerClassName="btn btn-quiet btn-small"
                  title={t('between.conflict.deleteTitle')}
                  body={t('between.conflict.deleteBody')}
                  confirmLabel={t('between.conflict.delete')}
                  onConfirm={async () => {
                    const res = await api.deleteConflict(e.id);
                    if (!res.ok) return res.error;
                    onChange(entries.filter((x) => x.id !== e.id));
                    if (editing === e.id) {
                      setEditing(null);
                      setDraft(blank());
                    }
                    setNote(t('between.conflict.deleted'));
                    return null;
                  }}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
