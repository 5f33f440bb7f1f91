import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasureAnswers, MySafetyDto, MyScreeningDto } from '@tandem/shared';
import { api } from '../../lib/api';
import { StatusLine } from '../../components/feedback';
import { MeasureFormView } from '../measures/MeasureForm';
import { lang, localized } from '../measures/measureText';

/**
 * A screening the therapist sent this partner, answered alone on their own page. Once sent it leaves the page; the
 * partner is thanked and never shown a result. Nothing about it ever reaches the other partner.
 */
export function ScreeningSection({
  screening,
  onDone,
}: {
  screening: MyScreeningDto | null;
  onDone: (after: MySafetyDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const [thanked, setThanked] = useState(false);
  if (!screening) {
    return thanked ? (
      <section className="card between-section" aria-labelledby="screening-done-heading" data-section="screening">
        <h2 id="screening-done-heading">{t('screening.partner.doneHeading')}</h2>
        <StatusLine>{t('screening.partner.done')}</StatusLine>
      </section>
    ) : null;
  }
  const def = screening.instrument;
  return (
    <section className="card between-section" aria-labelledby="screening-heading" data-section="screening">
      <h2 id="screening-heading">{localized(def.name, lang(i18n.language))}</h2>
      <p className="muted">{t('screening.partner.lead')}</p>
      <MeasureFormView
        instrument={def}
        previous={null}
        headingId="screening-heading"
        submit={(answers: MeasureAnswers) =>
          api.answerScreening(screening.id, {
            instrumentId: def.id,
            instrumentVersion: def.version,
            answers: Object.fromEntries(
              Object.entries(answers).filter(([, v]) => typeof v === 'number' || (typeof v === 'string' && v.trim())),
            ),
          })
        }
        onSent={(after) => {
          setThanked(true);
          onDone(after);
        }}
      />
    </section>
  );
}
