import { useState } from 'react';
import { Form, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  NOTE_COUPLE_FIELDS,
  NOTE_FORMATS,
  NOTE_LIMITS,
  NOTE_SECTIONS,
  RISK_LEVELS,
  type NoteFormat,
  type NotePartnerEntry,
  type ProgressNoteBody,
  type ProgressNoteContent,
  type ProgressNoteDto,
  type ProgressNoteStateDto,
  type RiskLevel,
  type SessionRecordDto,
} from '@tandem/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { api, type AppError } from '../../lib/api';
import { noteSuggestions, type NoteSuggestions } from './recordText';
import { SignedNote } from './SignedNote';

function NoteArea(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  max?: number;
  name: string;
}) {
  return (
    <TextField className="field" value={props.value} onChange={props.onChange} name={props.name}>
      <Label className="field-label">{props.label}</Label>
      <TextArea className="input textarea" rows={props.rows ?? 3} maxLength={props.max ?? NOTE_LIMITS.fieldChars} />
    </TextField>
  );
}

function initialDraft(state: ProgressNoteStateDto, suggested: NoteSuggestions): ProgressNoteBody {
  if (state.note) return { format: state.note.format, content: state.note.content };
  return {
    format: state.practiceFormat,
    content: {
      fields: suggested.fields,
      sections: {},
      partners: state.partners.map((p) => ({
        partnerId: p.id,
        presentation: suggested.presentations[p.id] ?? '',
        riskLevel: null,
        riskNote: '',
      })),
    },
  };
}

/** The format's own sections only (text written under another format stays on screen until saved). */
function bodyToSend(draft: ProgressNoteBody): ProgressNoteBody {
  const allowed: readonly string[] = NOTE_SECTIONS[draft.format];
  const sections = Object.fromEntries(Object.entries(draft.content.sections).filter(([k]) => allowed.includes(k)));
  return { format: draft.format, content: { ...draft.content, sections } };
}

interface EditorProps {
  sessionId: string;
  state: ProgressNoteStateDto;
  record: SessionRecordDto | null;
}

/** Write, save and sign the couples progress note; once signed it is shown locked, with its addenda. */
export function ProgressNoteEditor({ sessionId, state, record }: EditorProps) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState<ProgressNoteDto | null>(state.note);
  const [draft, setDraft] = useState<ProgressNoteBody>(() =>
    initialDraft(state, record ? noteSuggestions(record, t, i18n.language) : { fields: {}, presentations: {} }),
  );
  const [dirty, setDirty] = useState(!state.note);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  /** A translation key, so the line follows a language switch. */
  const [status, setStatus] = useState<'progressNote.saved' | null>(null);
  const [justSigned, setJustSigned] = useState(false);

  if (note?.signed) {
    return (
      <SignedNote
        sessionId={sessionId}
        note={note}
        partners={state.partners}
        onChange={setNote}
        justSigned={justSigned}
      />
    );
  }

  const edit = (change: (c: ProgressNoteContent) => ProgressNoteContent) => {
    setDraft((d) => ({ ...d, content: change(d.content) }));
    setDirty(true);
    setStatus(null);
  };
  const setPartner = (partnerId: string, patch: Partial<NotePartnerEntry>) =>
    edit((c) => ({ ...c, partners: c.partners.map((p) => (p.partnerId === partnerId ? { ...p, ...patch } : p)) }));
  const missingRisk = state.partners.some(
    (p) => !draft.content.partners.some((e) => e.partnerId === p.id && e.riskLevel !== null),
  );

  const save = async (): Promise<AppError | null> => {
    const result = await api.saveProgressNote(sessionId, bodyToSend(draft));
    if (!result.ok) return result.error;
    setNote(result.data);
    setDirty(false);
    return null;
  };
  const onSave = async () => {
    setPending(true);
    setError(null);
    const failed = await save();
    setPending(false);
    setError(failed);
    if (!failed) setStatus('progressNote.saved');
  };
  const onSign = async (): Promise<AppError | null> => {
    const failed = await save();
    if (failed) return failed;
    const result = await api.signProgressNote(sessionId);
    if (!result.ok) return result.error;
    setNote(result.data);
    setJustSigned(true);
    return null;
  };

  return (
    <Form
      className="form note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <RadioGroup
        className="radio-group radio-inline"
        value={draft.format}
        orientation="horizontal"
        onChange={(v) => {
          setDraft((d) => ({ ...d, format: v as NoteFormat }));
          setDirty(true);
        }}
      >
        <Label className="field-label">{t('progressNote.format')}</Label>
        <div className="radio-row">
          {NOTE_FORMATS.map((f) => (
            <Radio key={f} value={f} className="radio radio-pill">
              <span className="radio-dot" aria-hidden="true" />
              {t(`progressNote.formats.${f}`)}
            </Radio>
          ))}
        </div>
        <p className="field-description">{t('progressNote.formatHint')}</p>
      </RadioGroup>

      <fieldset className="note-group">
        <legend>{t('progressNote.couple')}</legend>
        {!state.note ? <p className="field-description">{t('progressNote.suggested')}</p> : null}
        {NOTE_COUPLE_FIELDS.map((f) => (
          <NoteArea
            key={f}
            name={f}
            label={t(`progressNote.fields.${f}`)}
            value={draft.content.fields[f] ?? ''}
            onChange={(v) => edit((c) => ({ ...c, fields: { ...c.fields, [f]: v } }))}
            rows={f === 'attendance' ? 3 : 2}
          />
        ))}
      </fieldset>

      <div className="note-partners">
        {state.partners.map((p) => {
          const entry = draft.content.partners.find((e) => e.partnerId === p.id);
          return (
            <fieldset key={p.id} className="note-group" data-partner={p.slot}>
              <legend>{t('progressNote.partner.heading', { name: p.name })}</legend>
              <NoteArea
                name={`presentation-${p.slot}`}
                label={t('progressNote.partner.presentation')}
                value={entry?.presentation ?? ''}
                max={NOTE_LIMITS.partnerFieldChars}
                onChange={(v) => setPartner(p.id, { presentation: v })}
              />
              <RadioGroup
                className="radio-group radio-inline"
                orientation="horizontal"
                isRequired
                value={entry?.riskLevel ?? null}
                onChange={(v) => setPartner(p.id, { riskLevel: v as RiskLevel })}
              >
                <Label className="field-label">{t('progressNote.partner.risk')}</Label>
                <div className="radio-row">
                  {RISK_LEVELS.map((r) => (
                    <Radio key={r} value={r} className="radio radio-pill">
                      <span className="radio-dot" aria-hidden="true" />
                      {t(`progressNote.risk.${r}`)}
                    </Radio>
                  ))}
                </div>
              </RadioGroup>
              <NoteArea
                name={`risk-${p.slot}`}
                label={t('progressNote.partner.riskNote')}
                value={entry?.riskNote ?? ''}
                max={NOTE_LIMITS.partnerFieldChars}
                rows={2}
                onChange={(v) => setPartner(p.id, { riskNote: v })}
              />
            </fieldset>
          );
        })}
      </div>

      <fieldset className="note-group">
        <legend>{t(`progressNote.formats.${draft.format}`)}</legend>
        {NOTE_SECTIONS[draft.format].map((s) => (
          <NoteArea
            key={s}
            name={s}
            label={t(`progressNote.sections.${s}`)}
            value={draft.content.sections[s] ?? ''}
            onChange={(v) => edit((c) => ({ ...c, sections: { ...c.sections, [s]: v } }))}
            rows={4}
          />
        ))}
      </fieldset>

      <ErrorNotice error={error} />
      {missingRisk ? <p className="field-description note-hint">{t('progressNote.partner.riskRequired')}</p> : null}
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
          {t('progressNote.save')}
        </PendingButton>
        <ConfirmDialog
          triggerLabel={t('progressNote.sign')}
          triggerClassName="btn btn-primary"
          isTriggerDisabled={missingRisk}
          title={t('progressNote.signTitle')}
          body={t('progressNote.signBody')}
          confirmLabel={t('progressNote.signConfirm')}
          tone="primary"
          onConfirm={onSign}
        />
      </div>
      <StatusLine>{status ? t(status) : dirty && note ? t('progressNote.unsaved') : ''}</StatusLine>
    </Form>
  );
}
