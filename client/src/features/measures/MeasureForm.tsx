import { useState } from 'react';
import type { CSSProperties } from 'react';
import { Button, Form, Input, Label, Radio, RadioGroup, TextField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { anchorLabel, isScaleItem } from '@tandem/shared';
import type { InstrumentDefinition, MeasureAnswers, MeasureResponseDto, SessionOccasion } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';
import { lang, localized } from './measureText';

interface Props {
  occasion: SessionOccasion;
  instrument: InstrumentDefinition;
  /** This partner's earlier answer to the same opening, to change. */
  previous: MeasureResponseDto | null;
  onSent(response: MeasureResponseDto): void;
  onLater(): void;
  /** The dialog's heading id (the form is labelled by it). */
  headingId: string;
}

/** The form in a session: answers go over the session's socket. */
export function MeasureForm({ occasion, ...props }: Props) {
  const { emitWithAck } = useSessionSocket();
  return (
    <MeasureFormView
      {...props}
      submit={(answers) =>
        emitWithAck('measures:answer', {
          occasion,
          instrumentId: props.instrument.id,
          instrumentVersion: props.instrument.version,
          answers,
        })
      }
    />
  );
}

interface ViewProps<R> {
  instrument: InstrumentDefinition;
  previous: { answers: MeasureAnswers } | null;
  submit(answers: MeasureAnswers): Promise<{ ok: true; data: R } | { ok: false; error: AppError }>;
  onSent(result: R): void;
  /** A "later" button (the in-session card); none when omitted. */
  onLater?: () => void;
  headingId: string;
}

/**
 * One instrument as a form: each scale item a row of whole-number choices with its anchors, each text item a
 * line. Nothing is required (the instrument's missing-answer rule decides the score); the server checks it all.
 */
export function MeasureFormView<R>({ instrument, previous, submit, onSent, onLater, headingId }: ViewProps<R>) {
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const [answers, setAnswers] = useState<MeasureAnswers>(() => ({ ...(previous?.answers ?? {}) }));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const send = async () => {
    setPending(true);
    setError(null);
    const res = await submit(answers);
    setPending(false);
    if (res.ok) onSent(res.data);
    else setError(res.error);
  };

  return (
    <Form
      className="measure-form"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p className="measure-instructions">{localized(instrument.instructions, language)}</p>
      {instrument.items.map((item, index) => {
        if (!isScaleItem(item)) {
          return (
            <TextField
              key={item.id}
              className="field measure-text"
              value={typeof answers[item.id] === 'string' ? (answers[item.id] as string) : ''}
              onChange={(v) => setAnswers((a) => ({ ...a, [item.id]: v }))}
              maxLength={item.maxLength}
              name={item.id}
            >
              <Label className="field-label">{localized(item.text, language)}</Label>
              <Input className="input" autoComplete="off" />
            </TextField>
          );
        }
        const scale = instrument.scales[item.scale];
        if (!scale) return null;
        const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
        const value = answers[item.id];
        // Anchors once per run of items on the same scale (a phone keeps the whole form in view).
        const before = instrument.items[index - 1];
        const sameAsBefore = before !== undefined && isScaleItem(before) && before.scale === item.scale;
        // A short scale with a word for every value (e.g. never ... very often) shows the words, not numbers.
        const worded = values.length <= 5 && values.every((v) => anchorLabel(scale, v, language) !== null);
        const low = sameAsBefore || worded ? null : anchorLabel(scale, scale.min, language);
        const high = sameAsBefore || worded ? null : anchorLabel(scale, scale.max, language);
        return (
          <RadioGroup
            key={item.id}
            className="measure-item"
            orientation="horizontal"
            value={typeof value === 'number' ? String(value) : null}
            onChange={(v) => setAnswers((a) => ({ ...a, [item.id]: Number(v) }))}
            name={item.id}
          >
            <Label className="measure-item-label">{localized(item.text, language)}</Label>
            <div
              className={worded ? 'measure-scale measure-scale-worded' : 'measure-scale'}
              style={{ '--choices': values.length } as CSSProperties}
            >
              {values.map((v) => {
                const anchor = anchorLabel(scale, v, language);
                return (
                  <Radio
                    key={v}
                    value={String(v)}
                    className="measure-choice"
                    aria-label={
                      worded ? undefined : anchor ? t('measures.valueAnchor', { value: v, anchor }) : String(v)
                    }
                  >
                    {worded ? anchor : v}
                  </Radio>
                );
              })}
            </div>
            {low || high ? (
              <Text slot="description" className="measure-anchors">
                <span>{low ? t('measures.valueAnchor', { value: scale.min, anchor: low }) : ''}</span>
                <span>{high ? t('measures.valueAnchor', { value: scale.max, anchor: high }) : ''}</span>
              </Text>
            ) : null}
          </RadioGroup>
        );
      })}
      <ErrorNotice error={error} />
      <div className="measure-actions">
        {onLater ? (
          <Button type="button" className="btn btn-secondary" onPress={onLater}>
            {t('measures.later')}
          </Button>
        ) : null}
        <Button type="submit" className="btn btn-primary" isDisabled={pending}>
          {previous ? t('measures.update') : t('measures.send')}
        </Button>
      </div>
    </Form>
  );
}
