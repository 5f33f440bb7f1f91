import { useTranslation } from 'react-i18next';
import type { EmergencyNumber } from '@tandem/shared';
import { countryName } from './countries';

/** The local emergency number for a country, with the others there, and the fallback's note. */
export function EmergencyLine({ emergency }: { emergency: EmergencyNumber }) {
  const { t, i18n } = useTranslation();
  const service = (s: EmergencyNumber['service']) => t(`screening.service.${s}`);
  return (
    <p className="emergency-line" data-emergency={emergency.number}>
      <strong>
        {t('screening.emergency.call', {
          number: emergency.number,
          country: countryName(emergency.country, i18n.language, t('screening.country.other')),
        })}
      </strong>{' '}
      {emergency.service !== 'all' ? <span className="muted">({service(emergency.service)})</span> : null}
      {emergency.others.length > 0 ? (
        <span className="muted">
          {' · '}
          {emergency.others.map((o) => `${o.number} (${service(o.service)})`).join(' · ')}
        </span>
      ) : null}
      {emergency.fallback ? <span className="emergency-note"> {t('screening.emergency.fallback')}</span> : null}
    </p>
  );
}
