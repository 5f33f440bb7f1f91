/**
 * The couple's page: the confidentiality policy (set a new version: a kind and the therapist's own words), whether
 * each partner acknowledged the current version, and the history: every version, every acknowledgement, every item
 * moved from a private space into a shared one. Therapist-only (the server sends it to nobody else).
 */
import { useState } from 'react';
import { Form, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { POLICY_LIMITS } from '@tandem/shared';
import type { ConfidentialityPolicy, CoupleDto, CouplePolicyDto } from '@tandem/shared';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { POLICY_KEYS } from './policy';
import { PolicyChoice } from './PolicyChoice';

function PolicyForm({
  coupleId,
  policy,
  onSaved,
}: {
  coupleId: string;
  policy: CouplePolicyDto;
  onSaved: (p: CouplePolicyDto) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ConfidentialityPolicy>(policy.current.kind);
  const [words, setWords] = useState(policy.current.words ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <Form
      className="policy-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const res = await api.setCouplePolicy(coupleId, {
          kind,
          words: words.trim() === '' ? null : words,
          baseVersion: policy.current.version,
        });
        setPending(false);
        setError(res.ok ? null : res.error);
        if (res.ok) onSaved(res.data);
      }}
    >
      <PolicyChoice value={kind} onChange={setKind} label={t('confidentiality.kind')} />
      <TextField className="field" value={words} onChange={setWords} maxLength={POLICY_LIMITS.wordsChars}>
        <Label className="field-label">{t('confidentiality.words')}</Label>
        <TextArea className="input textarea" rows={3} />
        <Text slot="description" className="field-description">
          {t('confidentiality.wordsHint')}
        </Text>
      </TextField>
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('confidentiality.save')}
        </PendingButton>
      </div>
    </Form>
  );
}

function PolicyHistory({ couple, policy }: { couple: CoupleDto; policy: CouplePolicyDto }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language) ?? '';
  const name = (id: string) => couple.partners.find((p) => p.id === id)?.displayName ?? t('couple.unknownPartner');
  const mover = (m: CouplePolicyDto['moved'][number]) =>
    m.movedBy.type === 'therapist' ? t('confidentiality.byTherapist') : name(m.movedBy.id);
  return (
    <details className="policy-history" data-part="history">
      <summary>{t('confidentiality.history')}</summary>
      <h3>{t('confidentiality.versions')}</h3>
      <ul>
        {policy.versions.map((v) => (
          <li key={v.version}>
            {t('confidentiality.versionItem', {
              version: v.version,
              name: t(POLICY_KEYS[v.kind].name),
              date: when(v.createdAt),
            })}
            {v.words ? <blockquote className="policy-words-quote">{v.words}</blockquote> : null}
          </li>
        ))}
      </ul>
      <h3>{t('confidentiality.acks')}</h3>
      {policy.acknowledgements.length === 0 ? <p className="muted">{t('confidentiality.noAcks')}</p> : null}
      <ul>
        {policy.acknowledgements.map((a) => (
          <li key={`${a.partnerId}:${a.version}`}>
            {t('confidentiality.ackItem', {
              name: name(a.partnerId),
              version: a.version,
              date: when(a.acknowledgedAt),
            })}
          </li>
        ))}
      </ul>
      <h3>{t('confidentiality.moved')}</h3>
      {policy.moved.length === 0 ? <p className="muted">{t('confidentiality.noMoved')}</p> : null}
      <ul>
        {policy.moved.map((m) => (
          <li key={m.id}>
            {t(`confidentiality.kinds.${m.kind}`, { who: mover(m), version: m.policyVersion, date: when(m.movedAt) })}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function CouplePolicy({
  couple,
  onChanged,
}: {
  couple: CoupleDto;
  onChanged: (kind: ConfidentialityPolicy) => void;
}) {
  const { t, i18n } = useTranslation();
  const policy = useQuery(`policy:${couple.id}`, (signal) => api.couplePolicy(couple.id, { signal }));
  const [note, setNote] = useState('');
  const data = policy.data;
  return (
    <section aria-labelledby="policy-section-heading" className="section card" data-section="policy">
      <h2 id="policy-section-heading">{t('confidentiality.heading')}</h2>
      {policy.loading ? <Loading /> : null}
      <ErrorNotice error={policy.error} onRetry={policy.reload} />
      {data ? (
        <>
          <p>
            <strong>{t(POLICY_KEYS[data.current.kind].name)}</strong>{' '}
            <span className="muted">
              {t('confidentiality.current', {
                version: data.current.version,
                date: formatDateTime(data.current.createdAt, i18n.language) ?? '',
              })}
            </span>
          </p>
          <ul className="policy-partners" aria-label={t('confidentiality.partnersLabel')}>
            {couple.partners.map((p) => {
              const at = data.partners.find((x) => x.partnerId === p.id)?.acknowledgedAt ?? null;
              return (
                <li key={p.id} data-partner={p.displayName} data-acknowledged={at !== null}>
                  <span>{p.displayName}</span>{' '}
                  {at ? (
                    <span className="badge badge-ok">
                      {t('confidentiality.acknowledged', { date: formatDateTime(at, i18n.language) ?? '' })}
                    </span>
                  ) : (
                    <span className="badge badge-warn">{t('confidentiality.notAcknowledged')}</span>
                  )}
                </li>
              );
            })}
          </ul>
          <PolicyForm
            key={data.current.version}
            coupleId={couple.id}
            policy={data}
            onSaved={(next) => {
              policy.setData(next);
              onChanged(next.current.kind);
              setNote(t('confidentiality.saved', { version: next.current.version }));
            }}
          />
          <StatusLine>{note}</StatusLine>
          <PolicyHistory couple={couple} policy={data} />
        </>
      ) : null}
    </section>
  );
}
