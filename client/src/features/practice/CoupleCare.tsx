import { useState } from 'react';
import { Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CoupleCareDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { SelectField } from '../../components/fields';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';

/**
 * Who cares for the couple: its clinician (transfer to another) and who it is shared with. Shown to those who
 * may change it (the couple's own clinician, the owner and admins); the server refuses anyone else.
 */
export function CoupleCare({ coupleId, onTransferred }: { coupleId: string; onTransferred: () => void }) {
  const { t } = useTranslation();
  const care = useQuery(`care:${coupleId}`, (signal) => api.coupleCare(coupleId, { signal }));
  const [target, setTarget] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState('');
  if (!care.data) return null; // refused (a clinician it is shared with) or still loading: nothing to offer
  const data: CoupleCareDto = care.data;
  const nameOf = (id: string) => data.clinicians.find((c) => c.id === id)?.name ?? '';
  const others = data.clinicians.filter((c) => c.id !== data.clinicianId);
  const chosen = target || others[0]?.id || '';

  const transfer = async () => {
    setPending(true);
    setError(null);
    const res = await api.transferCouple(coupleId, chosen);
    setPending(false);
    if (!res.ok) return setError(res.error);
    setStatus(t('practice.care.transferred', { name: nameOf(chosen) }));
    onTransferred();
    care.reload();
  };
  const share = async (ids: string[]) => {
    setError(null);
    const res = await api.shareCouple(coupleId, ids);
    if (!res.ok) return setError(res.error);
    care.setData(res.data);
    setStatus(t('practice.care.saved'));
  };

  const setConsent = async (consent: boolean) => {
    setError(null);
    const res = await api.setSupervisionConsent(coupleId, consent);
    if (!res.ok) return setError(res.error);
    care.setData({ ...data, supervisionConsent: res.data.consent });
    setStatus(t('practice.care.saved'));
  };

  return (
    <section aria-labelledby="care-heading" className="section card">
      <h2 id="care-heading">{t('practice.care.heading')}</h2>
      <p className="muted">{t('practice.care.intro')}</p>
      <p>
        <strong>{t('practice.care.assigned')}:</strong>{' '}
        <span data-testid="couple-clinician">{nameOf(data.clinicianId)}</span>
      </p>
      {others.length > 0 ? (
        <div className="care-transfer">
          <SelectField<string>
            label={t('practice.care.transferTo')}
            value={chosen}
            onChange={setTarget}
            options={others.map((c) => ({ id: c.id, label: c.name }))}
          />
          <PendingButton className="btn btn-secondary" pending={pending} onPress={() => void transfer()}>
            {t('practice.care.transfer')}
          </PendingButton>
        </div>
      ) : null}
      {others.length > 0 ? (
        <CheckboxGroup className="field" value={data.sharedWith} onChange={(ids) => void share(ids)}>
          <Label className="field-label">{t('practice.care.sharedWith')}</Label>
          {others.map((c) => (
            <Checkbox
              key={c.id}
              value={c.id}
              className="checkbox"
              aria-label={t('practice.care.share', { name: c.name })}
            >
              <span className="checkbox-box" aria-hidden="true" />
              {c.name}
            </Checkbox>
          ))}
        </CheckboxGroup>
      ) : null}
      <Checkbox
        className="checkbox"
        isSelected={data.supervisionConsent}
        onChange={(consent) => void setConsent(consent)}
        aria-describedby="supervision-help"
      >
        <span className="checkbox-box" aria-hidden="true" />
        {t('practice.care.supervisionConsent')}
      </Checkbox>
      <p id="supervision-help" className="field-description">
        {t('practice.care.supervisionHelp')}
      </p>
      <ErrorNotice error={error} />
      <StatusLine>{status}</StatusLine>
    </section>
  );
}
