import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SAFETY_SCREENING,
  anchorLabel,
  isScaleItem,
  type CoupleDto,
  type CoupleSafetyDto,
  type ScreeningDto,
} from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { lang } from '../measures/measureText';
import { EmergencyLine } from './EmergencyLine';
import { countryName } from './countries';
import { JointWork, type JointWorkChange } from './JointWork';
import './screening.css';

/**
 * The couple's page, therapist only: each partner's intake (emergency contact, usual place, consent) with the
 * emergency number there, the private screening (send, and read the answers), and the flag when an answer
 * indicates risk, suggesting individual sessions.
 */
export function CoupleSafety({
  couple,
  onJointWork,
}: {
  couple: CoupleDto;
  onJointWork: (change: JointWorkChange) => void;
}) {
  const { t, i18n } = useTranslation();
  const state = useQuery(`safety:${couple.id}`, (signal) => api.coupleSafety(couple.id, { signal }));
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const data = state.data;

  const send = async (partnerId: string, name: string) => {
    setPending(partnerId);
    setError(null);
    const res = await api.sendScreening(couple.id, partnerId);
    setPending(null);
    if (!res.ok) return setError(res.error);
    state.setData(res.data);
    setNote(t('screening.couple.sentNote', { name }));
  };

  return (
    <section aria-labelledby="safety-heading" className="section card couple-safety" data-section="couple-safety">
      <h2 id="safety-heading">{t('screening.couple.heading')}</h2>
      <p className="muted">{t('screening.couple.lead')}</p>
      {state.loading ? <Loading /> : null}
      <ErrorNotice error={state.error} onRetry={state.reload} />
      {data?.flagged ? (
        <div className="safety-flag" role="note" data-flag="risk">
          <strong>{t('screening.couple.flagTitle')}</strong> {t('screening.couple.flagBody')}
        </div>
      ) : null}
      {data ? (
        <JointWork
          coupleId={couple.id}
          safety={data}
          onChanged={(change) => {
            state.setData(change.safety);
            onJointWork(change);
          }}
        />
      ) : null}
      {data ? (
        <div className="couple-safety-partners">
          {couple.partners.map((partner) => {
            const p = data.partners.find((x) => x.partnerId === partner.id);
            if (!p) return null;
            const open = p.screenings.find((s) => s.answeredAt === null);
            return (
              <article key={partner.id} className="couple-safety-partner" data-partner={partner.id}>
                <h3>{partner.displayName}</h3>
                <IntakeFacts p={p} consentVersion={data.consentVersion} />
                <h4>{t('screening.couple.screening')}</h4>
                {open ? (
                  <p className="muted">
                    {t('screening.couple.waiting', { date: formatDateTime(open.sentAt, i18n.language) })}
                  </p>
                ) : null}
                <PendingButton
                  className="btn btn-secondary"
                  pending={pending === partner.id}
                  isDisabled={open !== undefined}
                  onPress={() => void send(partner.id, partner.displayName)}
                >
                  {p.screenings.length === 0
                    ? t('screening.couple.send', { name: partner.displayName })
                    : t('screening.couple.sendAgain', { name: partner.displayName })}
                </PendingButton>
                {p.screenings
                  .filter((s) => s.answeredAt !== null)
                  .slice(0, 3)
                  .map((s) => (
                    <ScreeningResult key={s.id} s={s} />
                  ))}
              </article>
            );
          })}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <StatusLine>{note}</StatusLine>
    </section>
  );
}

function IntakeFacts({ p, consentVersion }: { p: CoupleSafetyDto['partners'][number]; consentVersion: number }) {
  const { t, i18n } = useTranslation();
  const intake = p.intake;
  if (!intake) return <p className="muted">{t('screening.couple.noIntake')}</p>;
  return (
    <>
      <dl className="details">
        <div className="details-row">
          <dt>{t('screening.intake.contact')}</dt>
          <dd>
            {intake.contactName} ({intake.contactRelation}) ·{' '}
            <a href={`tel:${intake.contactPhone.replace(/[^0-9+]/g, '')}`} dir="ltr">
              {intake.contactPhone}
            </a>
          </dd>
        </div>
        <div className="details-row">
          <dt>{t('screening.couple.address')}</dt>
          <dd>
            {intake.address} · {countryName(intake.country, i18n.language, t('screening.country.other'))}
          </dd>
        </div>
        <div className="details-row">
          <dt>{t('screening.intake.consent')}</dt>
          <dd>
            {intake.consentVersion === consentVersion
              ? t('screening.intake.consentGiven', { date: formatDateTime(intake.consentAt, i18n.language) })
              : t('screening.couple.consentOld')}
          </dd>
        </div>
      </dl>
      {p.emergency ? <EmergencyLine emergency={p.emergency} /> : null}
    </>
  );
}

function ScreeningResult({ s }: { s: ScreeningDto }) {
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const def = SAFETY_SCREENING;
  const risky = new Set(s.riskItems);
  return (
    <details className="screening-result" data-flagged={s.flagged ? 'yes' : 'no'}>
      <summary>
        {t('screening.couple.answered', { date: formatDateTime(s.answeredAt ?? '', i18n.language) })}{' '}
        {s.flagged ? (
          <span className="badge badge-risk">{t('screening.couple.risk')}</span>
        ) : (
          <span className="badge">{t('screening.couple.noRisk')}</span>
        )}
      </summary>
      <ul className="screening-answers">
        {def.items.map((item) => {
          const v = s.answers?.[item.id];
          if (v === undefined) return null;
          const text =
            isScaleItem(item) && typeof v === 'number'
              ? (anchorLabel(def.scales[item.scale]!, v, language) ?? String(v))
              : String(v);
          return (
            <li key={item.id} className={risky.has(item.id) ? 'screening-risky' : undefined}>
              <span>{item.text[language]}</span> <strong>{text}</strong>
              {risky.has(item.id) ? <span className="visually-hidden"> ({t('screening.couple.risk')})</span> : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
