import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import type { ConfidentialityPolicy, JoinInfoDto } from '@tandem/shared';
import { api } from '../../lib/api';
import type { ApiResult, AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { POLICY_KEYS } from '../couples/policy';
import { SessionHeader } from './PartnerViews';

/** The policy in plain words: the practice's wording, then the therapist's own words when there are any. */
export function PolicyStatement({
  kind,
  words,
  changed,
}: {
  kind: ConfidentialityPolicy;
  words: string | null;
  /** True from version 2 on: say that the therapist updated it. */
  changed: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="policy-heading" className="policy">
      <h2 id="policy-heading">{t('partner.policyHeading')}</h2>
      {changed ? (
        <p className="policy-changed" role="note">
          {t('partner.policyChanged')}
        </p>
      ) : null}
      <p className="policy-name">{t(POLICY_KEYS[kind].name)}</p>
      <p>{t(POLICY_KEYS[kind].partner)}</p>
      {words ? (
        <figure className="policy-words">
          <figcaption className="muted">{t('partner.policyWords')}</figcaption>
          <blockquote>{words}</blockquote>
        </figure>
      ) : null}
      <p className="muted">{t('partner.policySafety')}</p>
      <p className="muted">{t('partner.policyRecord')}</p>
    </section>
  );
}

/** "I understand": stores the acknowledgement of exactly this version (a stale one comes back as CONFLICT). */
export function AcknowledgeButton<T>({
  acknowledge,
  onDone,
}: {
  acknowledge: () => Promise<ApiResult<T>>;
  onDone: (data: T) => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <>
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton
          className="btn btn-primary"
          pending={pending}
          onPress={async () => {
            setPending(true);
            setError(null);
            const result = await acknowledge();
            setPending(false);
            if (result.ok) onDone(result.data);
            else setError(result.error);
          }}
        >
          {t('partner.acknowledge')}
        </PendingButton>
      </div>
    </>
  );
}

/** The join page's policy screen: the couple's current policy; "I understand" stores the acknowledgement. */
export function PolicyAcknowledgement({
  info,
  onAcknowledged,
  onStale,
}: {
  info: JoinInfoDto;
  onAcknowledged: (info: JoinInfoDto) => void;
  /** The policy changed while the page was open: read it again. */
  onStale: () => void;
}) {
  return (
    <div className="card" data-view="policy">
      <SessionHeader info={info} />
      <PolicyStatement kind={info.policy} words={info.policyWords} changed={info.policyVersion > 1} />
      <AcknowledgeButton
        acknowledge={async () => {
          const res = await api.acknowledge(info.sessionId, info.policyVersion);
          if (!res.ok && res.error.code === 'CONFLICT') onStale();
          return res;
        }}
        onDone={onAcknowledged}
      />
    </div>
  );
}
