import { useState } from 'react';
import { Checkbox, Form, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  MAINTENANCE_LIMITS,
  type CaseStatus,
  type FollowUpDto,
  type MaintenanceContent,
  type MaintenancePartnerPart,
} from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { longDay } from './maintenanceText';
import { MaintenancePlanText } from './MaintenanceView';
import '../../styles/followup.css';

const MOVES: Record<CaseStatus, { to: CaseStatus; key: string }[]> = {
  active: [{ to: 'ending', key: 'followup.therapist.toEnding' }],
  ending: [
    { to: 'follow-up', key: 'followup.therapist.toFollowUp' },
    { to: 'active', key: 'followup.therapist.toActive' },
  ],
  'follow-up': [{ to: 'active', key: 'followup.therapist.toActive' }],
};

const EMPTY: MaintenanceContent = {
  a: { warningSigns: '', commitments: '' },
  b: { warningSigns: '', commitments: '' },
  pauseRitual: '',
  comeBack: '',
  includeMap: true,
};

function Area({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <TextField className="field" value={value} onChange={onChange} maxLength={MAINTENANCE_LIMITS.fieldChars}>
      <Label className="field-label">{label}</Label>
      <TextArea className="input textarea" rows={3} />
    </TextField>
  );
}

function PlanForm({ data, onSaved }: { data: FollowUpDto; onSaved: (d: FollowUpDto) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MaintenanceContent>(data.plan?.content ?? EMPTY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');
  const part = (slot: 'a' | 'b', patch: Partial<MaintenancePartnerPart>) =>
    setDraft((d) => ({ ...d, [slot]: { ...d[slot], ...patch } }));
  return (
    <Form
      className="maintenance-form"
      aria-labelledby="maintenance-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        setNote('');
        void api.saveMaintenance(data.coupleId, draft).then((res) => {
          setPending(false);
          if (!res.ok) return setError(res.error);
          onSaved(res.data);
          setNote(t('followup.therapist.saved', { version: res.data.plan?.version ?? '' }));
        });
      }}
    >
      <h3 id="maintenance-form-heading">{t('followup.therapist.form')}</h3>
      <Area
        label={t('followup.plan.pauseRitual')}
        value={draft.pauseRitual}
        onChange={(pauseRitual) => setDraft((d) => ({ ...d, pauseRitual }))}
      />
      <Area
        label={t('followup.plan.comeBack')}
        value={draft.comeBack}
        onChange={(comeBack) => setDraft((d) => ({ ...d, comeBack }))}
      />
      <div className="maintenance-partners">
        {data.partners.map((p) => (
          <fieldset key={p.slot} className="maintenance-partner">
            <legend>{t('followup.therapist.partnerHeading', { name: p.displayName })}</legend>
            <Area
              label={t('followup.therapist.warningSigns', { name: p.displayName })}
              value={draft[p.slot].warningSigns}
              onChange={(warningSigns) => part(p.slot, { warningSigns })}
            />
            <Area
              label={t('followup.therapist.commitments', { name: p.displayName })}
              value={draft[p.slot].commitments}
              onChange={(commitments) => part(p.slot, { commitments })}
            />
          </fieldset>
        ))}
      </div>
      <Checkbox
        className="checkbox"
        isSelected={draft.includeMap}
        onChange={(includeMap) => setDraft((d) => ({ ...d, includeMap }))}
      >
        <span className="checkbox-box" aria-hidden="true" />
        {t('followup.therapist.includeMap')}
      </Checkbox>
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('followup.therapist.save')}
        </PendingButton>
        <StatusLine>{note}</StatusLine>
      </div>
    </Form>
  );
}

/** The couple page's "Ending well": the case's status, the booster flags, the maintenance plan. */
export function EndingPanel({ coupleId }: { coupleId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery(`follow-up:${coupleId}`, (signal) => api.followUp(coupleId, { signal }));
  const [pending, setPending] = useState<CaseStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');
  const d = q.data;
  const statusName = (s: CaseStatus) => t(`followup.status.${s}`);
  const nameOf = (slot: 'a' | 'b') => d?.partners.find((p) => p.slot === slot)?.displayName ?? '';
  const move = async (to: CaseStatus) => {
    setPending(to);
    setError(null);
    const res = await api.setCaseStatus(coupleId, to);
    setPending(null);
    if (!res.ok) return setError(res.error);
    q.setData(res.data);
    setNote(t('followup.therapist.moved', { status: statusName(to) }));
  };
  return (
    <section aria-labelledby="ending-heading" className="section card" data-section="ending">
      <h2 id="ending-heading">{t('followup.therapist.heading')}</h2>
      {q.loading ? <Loading /> : null}
      <ErrorNotice error={q.error} onRetry={q.reload} />
      {d ? (
        <>
          {d.boosters.map((b) => (
            <p key={b.partnerId} className="notice notice-warning" role="note" data-flag="booster">
              {t('followup.therapist.booster', {
                name: nameOf(b.slot),
                from: b.baseline.value,
                to: b.latest.value,
                threshold: b.threshold,
              })}
            </p>
          ))}
          <p>
            <strong>{t('followup.therapist.status', { status: statusName(d.status) })}</strong>
            {d.statusSince ? (
              <span className="muted">
                {' '}
                · {t('followup.therapist.since', { date: longDay(d.statusSince, i18n.language) })}
              </span>
            ) : null}
          </p>
          {d.status === 'active' ? <p className="muted">{t('followup.therapist.lead')}</p> : null}
          <div className="form-actions">
            {MOVES[d.status].map((m) => (
              <PendingButton
                key={m.to}
                className={m.to === 'active' ? 'btn btn-secondary' : 'btn btn-primary'}
                pending={pending === m.to}
                onPress={() => void move(m.to)}
              >
                {t(m.key)}
              </PendingButton>
            ))}
          </div>
          <ErrorNotice error={error} />
          <StatusLine>{note}</StatusLine>
          {d.cadence ? (
            <div className="followup-cadence">
              <p>{t('followup.therapist.next', { date: longDay(d.cadence.next, i18n.language) })}</p>
              <details>
                <summary>{t('followup.therapist.cadence')}</summary>
                <ol>
                  {d.cadence.dates.map((date) => (
                    <li key={date}>{longDay(date, i18n.language)}</li>
                  ))}
                </ol>
              </details>
            </div>
          ) : null}
          {d.status !== 'active' ? (
            <div className="followup-plan">
              {d.plan ? null : <p className="muted">{t('followup.therapist.noPlanYet')}</p>}
              <PlanForm key={d.plan?.version ?? 0} data={d} onSaved={q.setData} />
              {d.plan ? (
                <MaintenancePlanText plan={d.plan} names={{ a: nameOf('a'), b: nameOf('b') }} textShown={false} />
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
