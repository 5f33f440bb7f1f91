import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import type { JoinInfoDto } from '@tandem/shared';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { POLICY_KEYS } from '../couples/policy';
import { SessionHeader } from './PartnerViews';

/** The couple's confidentiality policy in plain words; "I understand" stores the acknowledgement. */
export function PolicyAcknowledgement({
  info,
  onAcknowledged,
}: {
  info: JoinInfoDto;
  onAcknowledged: (info: JoinInfoDto) => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const acknowledge = async () => {
    setPending(true);
    setError(null);
    const result = await api.acknowledge(info.sessionId);
    setPending(false);
    if (result.ok) onAcknowledged(result.data);
    else setError(result.error);
  };

  return (
    <div className="card" data-view="policy">
      <SessionHeader info={info} />
      <section aria-labelledby="policy-heading" className="policy">
        <h2 id="policy-heading">{t('partner.policyHeading')}</h2>
        <p className="policy-name">{t(POLICY_KEYS[info.policy].name)}</p>
        <p>{t(POLICY_KEYS[info.policy].partner)}</p>
        <p className="muted">{t('partner.policySafety')}</p>
        <p className="muted">{t('partner.policyRecord')}</p>
      </section>
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton className="btn btn-primary" pending={pending} onPress={() => void acknowledge()}>
          {t('partner.acknowledge')}
        </PendingButton>
      </div>
    </div>
  );
}
