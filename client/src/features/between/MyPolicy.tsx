/**
 * The confidentiality policy on a partner's own page: a screen they cannot skip while the current version is not
 * acknowledged (the quick exit stays; the covert stop control lives in the room, which this page is not), and once
 * acknowledged, the current policy with their own acknowledgements and the download of their own data.
 */
import { useTranslation } from 'react-i18next';
import type { MyPolicyDto } from '@tandem/shared';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { AcknowledgeButton, PolicyStatement } from '../join/PolicyAcknowledgement';
import { POLICY_KEYS } from '../couples/policy';

export function PolicyGate({
  policy,
  onAcknowledged,
  onStale,
}: {
  policy: MyPolicyDto;
  onAcknowledged: (p: MyPolicyDto) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const earlier = policy.acknowledgements.length > 0;
  return (
    <div className="card" data-view="policy-gate">
      <h1>{earlier ? t('between.policy.gateChanged') : t('between.policy.gateTitle')}</h1>
      <p className="lead">{t('between.policy.gateLead')}</p>
      <PolicyStatement kind={policy.current.kind} words={policy.current.words} changed={earlier} />
      <AcknowledgeButton
        acknowledge={async () => {
          const res = await api.acknowledgeMyPolicy(policy.current.version);
          if (!res.ok && res.error.code === 'CONFLICT') onStale();
          return res;
        }}
        onDone={onAcknowledged}
      />
    </div>
  );
}

export function MyPolicySection({ policy }: { policy: MyPolicyDto }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language) ?? '';
  return (
    <section className="card between-section" aria-labelledby="my-policy-heading" data-section="policy">
      <h2 id="my-policy-heading">{t('between.policy.heading')}</h2>
      <p>
        <strong>{t(POLICY_KEYS[policy.current.kind].name)}</strong>
      </p>
      <p className="muted">{t(POLICY_KEYS[policy.current.kind].partner)}</p>
      {policy.current.words ? <blockquote className="policy-words-quote">{policy.current.words}</blockquote> : null}
      <h3>{t('between.policy.yourAcks')}</h3>
      <ul className="policy-acks">
        {policy.acknowledgements.map((a) => (
          <li key={a.version}>{t('between.policy.ackItem', { version: a.version, date: when(a.acknowledgedAt) })}</li>
        ))}
      </ul>
      <h3>{t('between.policy.exportHeading')}</h3>
      <p className="muted">{t('between.policy.exportLead')}</p>
      <a className="btn btn-secondary" href="/api/me/export" download data-action="export">
        {t('between.policy.exportButton')}
      </a>
    </section>
  );
}
