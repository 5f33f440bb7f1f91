import { useState } from 'react';
import { Checkbox, Form, Label, Radio, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGES,
  SUMMARY_LIMITS,
  SUMMARY_SECTIONS,
  type Language,
  type PartnerSummaryDto,
  type SummaryDraftBody,
} from '@tandem/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { api, type AppError } from '../../lib/api';
import { PdfDownloadButton } from '../record/PdfDownloadButton';
import { SummaryView } from './SummaryView';
import { summaryDate } from './summaryText';

type Notice = 'summary.saved' | 'summary.justReleased' | 'summary.justWithdrawn' | null;

interface EditorProps {
  sessionId: string;
  audienceKey: string;
  initial: PartnerSummaryDto;
}

/**
 * Prepare a summary: choose what goes in and write a message (a draft), review the server's preview of exactly
 * what would be sent, release it (naming the reviewed content's hash), or withdraw a release.
 */
export function SummaryEditor({ sessionId, audienceKey, initial }: EditorProps) {
  const { t, i18n } = useTranslation();
  const [summary, setSummary] = useState(initial);
  const [draft, setDraft] = useState<SummaryDraftBody>(initial.options);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const released = summary.status === 'released';
  const lang = i18n.language;
  const who = summary.audience.kind === 'partner' ? summary.audience.name : null;

  const change = (next: SummaryDraftBody) => {
    setDraft(next);
    setDirty(true);
    setNotice(null);
  };
  const save = async (): Promise<AppError | null> => {
    const result = await api.saveSummary(sessionId, audienceKey, draft);
    if (!result.ok) return result.error;
    setSummary(result.data);
    setDirty(false);
    return null;
  };
  const onSave = async () => {
    setPending(true);
    setError(null);
    const failed = await save();
    setPending(false);
    setError(failed);
    if (!failed) setNotice('summary.saved');
  };
  /** The content changed since this preview: close the dialog, show the new preview and say why. */
  const changed = (fresh: PartnerSummaryDto | null): null => {
    if (fresh) setSummary(fresh);
    setError({ code: 'CONFLICT', message: '' });
    return null;
  };
  const onRelease = async (): Promise<AppError | null> => {
    const reviewed = summary.contentHash;
    if (summary.status === 'new') {
      // Nothing stored yet: store the choices shown; what the server would send must still be this preview.
      const saved = await api.saveSummary(sessionId, audienceKey, draft);
      if (!saved.ok) return saved.error;
      setSummary(saved.data);
      if (saved.data.contentHash !== reviewed) return changed(null);
    }
    const result = await api.releaseSummary(sessionId, audienceKey, reviewed);
    if (!result.ok) {
      if (result.error.code !== 'CONFLICT') return result.error;
      const fresh = await api.summary(sessionId, audienceKey);
      return changed(fresh.ok ? fresh.data : null);
    }
    setError(null);
    setSummary(result.data);
    setNotice('summary.justReleased');
    return null;
  };
  const onWithdraw = async (): Promise<AppError | null> => {
    const result = await api.withdrawSummary(sessionId, audienceKey);
    if (!result.ok) return result.error;
    setSummary(result.data);
    setDraft(result.data.options);
    setNotice('summary.justWithdrawn');
    return null;
  };

  const state = released
    ? t('summary.releasedState', {
        date: summaryDate(summary.released?.at ?? null, lang),
        name: summary.released?.byName,
      })
    : summary.status === 'draft'
      ? t('summary.draftState')
      : t('summary.newState');

  return (
    <div className="summary-editor">
      <div className="summary-controls">
        <p className="summary-state" data-summary-status={summary.status}>
          {state}
        </p>
        {summary.withdrawnAt && !released ? (
          <p className="muted">{t('summary.withdrawnNote', { date: summaryDate(summary.withdrawnAt, lang) })}</p>
        ) : null}
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void onSave();
          }}
        >
          <fieldset className="note-group" disabled={released}>
            <legend>{t('summary.choices')}</legend>
            {SUMMARY_SECTIONS.map((s) => (
              <Checkbox
                key={s}
                className="checkbox summary-check"
                isSelected={draft.include[s]}
                isDisabled={released}
                onChange={(v) => change({ ...draft, include: { ...draft.include, [s]: v } })}
              >
                <span className="checkbox-box" aria-hidden="true" />
                {t(`summary.include.${s}`)}
              </Checkbox>
            ))}
          </fieldset>
          <TextField
            className="field"
            value={draft.message}
            onChange={(v) => change({ ...draft, message: v })}
            isDisabled={released}
            name="message"
          >
            <Label className="field-label">{t('summary.message')}</Label>
            <TextArea className="input textarea" rows={5} maxLength={SUMMARY_LIMITS.messageChars} />
            <Text slot="description" className="field-description">
              {t('summary.messageHint')}
            </Text>
          </TextField>
          <RadioGroup
            className="radio-group radio-inline"
            orientation="horizontal"
            value={draft.language}
            isDisabled={released}
            onChange={(v) => change({ ...draft, language: v as Language })}
          >
            <Label className="field-label">{t('summary.language')}</Label>
            <div className="radio-row">
              {LANGUAGES.map((l) => (
                <Radio key={l} value={l} className="radio radio-pill">
                  <span className="radio-dot" aria-hidden="true" />
                  {t(`summary.languages.${l}`)}
                </Radio>
              ))}
            </div>
          </RadioGroup>
          <ErrorNotice
            error={error}
            messageKey={
              error?.code === 'CONFLICT'
                ? 'summary.changed'
                : error?.code === 'BAD_REQUEST'
                  ? 'summary.empty'
                  : undefined
            }
          />
          <div className="form-actions">
            {released ? (
              <>
                <PdfDownloadButton
                  path={`/sessions/${sessionId}/summaries/${audienceKey}.pdf`}
                  fileName="session-summary.pdf"
                  label={t('summary.pdfReleased')}
                  lang={summary.content.language}
                />
                <ConfirmDialog
                  triggerLabel={t('summary.withdraw')}
                  triggerClassName="btn btn-secondary"
                  title={t('summary.withdrawTitle')}
                  body={t('summary.withdrawBody')}
                  confirmLabel={t('summary.withdrawConfirm')}
                  tone="danger"
                  onConfirm={onWithdraw}
                />
              </>
            ) : (
              <>
                <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
                  {t('summary.save')}
                </PendingButton>
                <ConfirmDialog
                  triggerLabel={t('summary.release')}
                  triggerClassName="btn btn-primary"
                  isTriggerDisabled={dirty || pending}
                  title={t('summary.releaseTitle')}
                  body={who ? t('summary.releaseBodyPartner', { name: who }) : t('summary.releaseBodyCouple')}
                  confirmLabel={t('summary.releaseConfirm')}
                  tone="primary"
                  onConfirm={onRelease}
                />
              </>
            )}
          </div>
          <StatusLine>{notice ? t(notice) : dirty ? t('summary.unsaved') : ''}</StatusLine>
        </Form>
      </div>
      <section className="summary-preview card" aria-labelledby="summary-preview-heading" data-summary-preview>
        <h2 id="summary-preview-heading" className="summary-preview-heading">
          {t('summary.preview')}
        </h2>
        <p className="muted">{t('summary.previewNote')}</p>
        <SummaryView content={summary.content} level={3} headingId="summary-preview-title" />
      </section>
    </div>
  );
}
