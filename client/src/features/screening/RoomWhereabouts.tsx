import { useTranslation } from 'react-i18next';
import { emergencyNumberFor, type PartnerWhereaboutsDto, type SessionLocationDto } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { EmergencyLine } from './EmergencyLine';
import { countryName } from './countries';
import './screening.css';

/**
 * In the therapist's room, beside each partner: where they are now (told live, to the therapist's socket only),
 * whether they are somewhere private, their emergency contact, and the emergency number where they are.
 */
export function RoomWhereabouts() {
  const { t } = useTranslation();
  const { sessionId, snapshot } = useSessionSocket();
  const state = useQuery(`whereabouts:${sessionId}`, (signal) => api.whereabouts(sessionId, { signal }));
  useSessionEvent('safety:location', (location: SessionLocationDto) => {
    state.setData((d) => ({
      ...d,
      partners: d.partners.map((p) => (p.partnerId === location.partnerId ? withLocation(p, location) : p)),
    }));
  });
  if (!snapshot) return null;
  const names = new Map(snapshot.partners.map((p) => [p.id, p.name]));
  return (
    <section className="panel-section whereabouts" aria-labelledby="whereabouts-heading" data-section="whereabouts">
      <h3 id="whereabouts-heading">{t('screening.room.heading')}</h3>
      <ErrorNotice error={state.error} onRetry={state.reload} />
      <ul className="whereabouts-list">
        {(state.data?.partners ?? []).map((p) => (
          <PartnerWhere key={p.partnerId} p={p} name={names.get(p.partnerId) ?? ''} />
        ))}
      </ul>
    </section>
  );
}

function withLocation(p: PartnerWhereaboutsDto, location: SessionLocationDto): PartnerWhereaboutsDto {
  const country = !location.usual ? location.country : (p.intake?.country ?? null);
  return { ...p, location, emergency: country ? emergencyNumberFor(country) : null };
}

function PartnerWhere({ p, name }: { p: PartnerWhereaboutsDto; name: string }) {
  const { t, i18n } = useTranslation();
  const other = t('screening.country.other');
  const loc = p.location;
  return (
    <li className="whereabouts-item" data-partner={p.partnerId}>
      <p className="whereabouts-name">
        <strong>{name}</strong>
      </p>
      {loc ? (
        <>
          <p>
            {loc.usual
              ? t('screening.room.atUsual', { address: p.intake?.address ?? '' })
              : t('screening.room.atOther', {
                  address: loc.address ?? '',
                  country: countryName(loc.country ?? '', i18n.language, other),
                })}
          </p>
          <p className={loc.private ? undefined : 'whereabouts-warn'}>
            {loc.private ? t('screening.room.private') : t('screening.room.notPrivate')}
          </p>
        </>
      ) : (
        <p className="muted">{t('screening.room.noLocation')}</p>
      )}
      {p.intake ? (
        <p>
          {t('screening.room.contact', { name: p.intake.contactName, relation: p.intake.contactRelation })}{' '}
          <a href={`tel:${p.intake.contactPhone.replace(/[^0-9+]/g, '')}`} dir="ltr">
            {p.intake.contactPhone}
          </a>
        </p>
      ) : (
        <p className="muted">{t('screening.room.noIntake')}</p>
      )}
      {p.emergency ? <EmergencyLine emergency={p.emergency} /> : null}
    </li>
  );
}
