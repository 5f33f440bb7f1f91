import { useState } from 'react';
import { Button, Form, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DRAFT_KINDS, DRAFT_LIMITS, type DraftCardView, type DraftKind, type PartnerDrafts } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { useSessionSocket } from '../session/useSessionSocket';
import { RevealConfirm } from './RevealConfirm';
import { useDrafts } from './useDrafts';
import './drafts.css';

function DraftItem(props: { card: DraftCardView; asked: boolean; onEdit: () => void; onDelete: () => void }) {
  const { card, asked } = props;
  const { t } = useTranslation();
  return (
    <li className="draft-item" data-revealed={card.revealedAt ? 'true' : undefined}>
      <span className="draft-kind">{t(`drafts.kinds.${card.kind}`)}</span>
      <span className="draft-text">{card.text}</span>
      {card.revealedAt ? (
        <span className="draft-status">{t('drafts.status.revealed')}</span>
      ) : (
        <span className="draft-actions">
          {asked ? <span className="draft-status">{t('drafts.status.asked')}</span> : null}
          <Button className="btn btn-small btn-secondary" onPress={props.onEdit}>
            {t('drafts.partner.edit')}
            <span className="visually-hidden">: {card.text}</span>
          </Button>
          <Button className="btn btn-small btn-secondary" onPress={props.onDelete}>
            {t('drafts.partner.delete')}
            <span className="visually-hidden">: {card.text}</span>
          </Button>
        </span>
      )}
    </li>
  );
}

/** A partner's private drafts while the therapist has a round open: only they and the therapist receive them. */
export function PartnerDrafting() {
  const { t } = useTranslation();
  const { snapshot, participants, emitWithAck } = useSessionSocket();
  const { state, setPartner } = useDrafts();
  const [kind, setKind] = useState<DraftKind>('trigger');
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const selfId = snapshot?.self.id;
  if (!state.round || !selfId) return null;
  const mine: PartnerDrafts = state.partners.find((p) => p.partnerId === selfId) ?? {
    partnerId: selfId,
    cards: [],
    pending: null,
    last: null,
  };
  const therapist = participants.find((p) => p.role === 'therapist')?.name ?? t('private.yourTherapist');
  const asked = new Set(mine.pending?.cardIds ?? []);
  const words = text.trim();
  const tooLong = words.length > DRAFT_LIMITS.textChars;

  const run = async (send: () => ReturnType<typeof emitWithAck<'drafts:save'>>) => {
    setPending(true);
    const res = await send();
    setPending(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setPartner(res.data);
    return true;
  };
  const submit = async () => {
    if (!words || tooLong) return;
    const done = await run(() =>
      emitWithAck('drafts:save', { kind, text: words, ...(editing ? { id: editing } : {}) }),
    );
    if (done) {
      setText('');
      setEditing(null);
    }
  };
  const edit = (card: DraftCardView) => {
    setEditing(card.id);
    setKind(card.kind);
    setText(card.text);
  };

  return (
    <section className="drafting" aria-labelledby="drafting-heading" data-testid="partner-drafting">
      <h3 id="drafting-heading">{t('drafts.partner.heading')}</h3>
      <Form
        className="drafting-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <RadioGroup
          className="radio-group"
          value={kind}
          orientation="horizontal"
          onChange={(v) => setKind((DRAFT_KINDS as readonly string[]).includes(v) ? (v as DraftKind) : 'trigger')}
        >
          <Label className="field-label">{t('drafts.partner.kindLabel')}</Label>
          <div className="radio-row">
            {DRAFT_KINDS.map((k) => (
              <Radio key={k} value={k} className="radio radio-pill">
                <span className="radio-dot" aria-hidden="true" />
                {t(`drafts.kinds.${k}`)}
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <TextField className="field" value={text} onChange={setText} isInvalid={tooLong}>
          <Label className="field-label">{t('drafts.partner.text')}</Label>
          <TextArea className="input textarea" rows={2} />
        </TextField>
        {tooLong ? <p className="muted">{t('drafts.partner.tooLong', { max: DRAFT_LIMITS.textChars })}</p> : null}
        <ErrorNotice error={error} />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-primary btn-small" pending={pending} isDisabled={!words}>
            {editing ? t('drafts.partner.save') : t('drafts.partner.add')}
          </PendingButton>
          {editing ? (
            <Button
              className="btn btn-secondary btn-small"
              onPress={() => {
                setEditing(null);
                setText('');
              }}
            >
              {t('drafts.partner.cancelEdit')}
            </Button>
          ) : null}
        </div>
      </Form>
      {/* Below the form: on a phone the controls come first, within the screen. */}
      <p className="muted drafting-note">{t('drafts.partner.onlyYou', { therapist })}</p>
      {mine.cards.length ? (
        <ul className="draft-list" aria-label={t('drafts.partner.list')}>
          {mine.cards.map((c) => (
            <DraftItem
              key={c.id}
              card={c}
              asked={asked.has(c.id)}
              onEdit={() => edit(c)}
              onDelete={() => void run(() => emitWithAck('drafts:delete', { id: c.id }))}
            />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('drafts.partner.empty')}</p>
      )}
      <RevealConfirm key={mine.pending?.id} mine={mine} onAnswered={setPartner} />
    </section>
  );
}
