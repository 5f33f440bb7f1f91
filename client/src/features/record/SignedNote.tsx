import { useState } from 'react';
import { Form, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  NOTE_COUPLE_FIELDS,
  NOTE_LIMITS,
  NOTE_SECTIONS,
  type ProgressNoteDto,
  type ProgressNoteStateDto,
} from '@tandem/shared';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useFocusOnMount } from '../../lib/useFocusOnMount';

function Row({ label, value }: { label: string; value: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd className="note-text">{value?.trim() ? value : t('progressNote.empty')}</dd>
    </div>
  );
}

interface SignedNoteProps {
  sessionId: string;
  note: ProgressNoteDto;
  partners: ProgressNoteStateDto['partners'];
  onChange: (note: ProgressNoteDto) => void;
  /** Signed a moment ago on this page: the signature line takes focus (the sign button is gone). */
  justSigned?: boolean;
}

/** A signed note, read-only, with its signature time; corrections are addenda with their own time. */
export function SignedNote({ sessionId, note, partners, onChange, justSigned }: SignedNoteProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [added, setAdded] = useState(false);
  const { content } = note;
  const focusRef = useFocusOnMount<HTMLParagraphElement>();

  const add = async () => {
    if (!text.trim()) return;
    setPending(true);
    setError(null);
    const result = await api.addAddendum(sessionId, text);
    setPending(false);
    if (!result.ok) return setError(result.error);
    onChange(result.data);
    setText('');
    setAdded(true);
  };

  return (
    <div className="note-signed" data-note="signed">
      <div className="notice notice-info">
        <p ref={justSigned ? focusRef : undefined} tabIndex={-1}>
          {t('progressNote.signed', {
            name: note.signed?.name ?? '',
            at: formatDateTime(note.signed?.at, i18n.language) ?? '',
          })}
        </p>
      </div>
      <section className="card record-section" aria-labelledby="note-couple">
        <h2 id="note-couple">
          {t('progressNote.couple')} · {t(`progressNote.formats.${note.format}`)}
        </h2>
        <dl className="details">
          {NOTE_COUPLE_FIELDS.map((f) => (
            <Row key={f} label={t(`progressNote.fields.${f}`)} value={content.fields[f]} />
          ))}
        </dl>
      </section>
      <div className="note-partners">
        {partners.map((p) => {
          const entry = content.partners.find((e) => e.partnerId === p.id);
          return (
            <section key={p.id} className="card record-section" aria-labelledby={`note-partner-${p.slot}`}>
              <h2 id={`note-partner-${p.slot}`}>{p.name}</h2>
              <dl className="details">
                <Row label={t('progressNote.partner.presentation')} value={entry?.presentation} />
                <Row
                  label={t('progressNote.partner.risk')}
                  value={entry?.riskLevel ? t(`progressNote.risk.${entry.riskLevel}`) : undefined}
                />
                <Row label={t('progressNote.partner.riskNote')} value={entry?.riskNote} />
              </dl>
            </section>
          );
        })}
      </div>
      <section className="card record-section" aria-labelledby="note-sections">
        <h2 id="note-sections">{t(`progressNote.formats.${note.format}`)}</h2>
        <dl className="details">
          {NOTE_SECTIONS[note.format].map((s) => (
            <Row key={s} label={t(`progressNote.sections.${s}`)} value={content.sections[s]} />
          ))}
        </dl>
      </section>
      <section className="card record-section" aria-labelledby="note-addenda">
        <h2 id="note-addenda">{t('progressNote.addenda')}</h2>
        {note.addenda.length === 0 ? <p className="muted">{t('progressNote.noAddenda')}</p> : null}
        <ol className="record-list note-addenda">
          {note.addenda.map((a) => (
            <li key={a.id}>
              <p className="muted">
                {t('progressNote.addendumBy', { name: a.authorName, at: formatDateTime(a.createdAt, i18n.language) })}
              </p>
              <p className="note-text">{a.text}</p>
            </li>
          ))}
        </ol>
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <h3>{t('progressNote.addendum')}</h3>
          <TextField className="field" value={text} onChange={setText} isRequired>
            <Label className="field-label">{t('progressNote.addendumLabel')}</Label>
            <TextArea className="input textarea" rows={3} maxLength={NOTE_LIMITS.addendumChars} />
          </TextField>
          <ErrorNotice error={error} />
          <div className="form-actions">
            <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
              {t('progressNote.addendumSubmit')}
            </PendingButton>
          </div>
          <StatusLine>{added ? t('progressNote.addendumAdded') : ''}</StatusLine>
        </Form>
      </section>
    </div>
  );
}
