import { useState } from 'react';
import { Button, Form, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { MAINTENANCE_LIMITS, type MaintenancePlanDto, type PartnerFollowUpDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { longDay, maintenanceMapImage } from './maintenanceText';
import '../../styles/followup.css';

type Names = { a: string; b: string };

/** A written field, or "not written yet". */
function Written({ text }: { text: string }) {
  const { t } = useTranslation();
  return text.trim() ? <p className="maintenance-text">{text}</p> : <p className="empty">{t('followup.plan.empty')}</p>;
}

/** The plan as both partners read it (and the therapist under the form): every part, and the map's picture. */
export function MaintenancePlanText({
  plan,
  names,
  textShown = true,
}: {
  plan: MaintenancePlanDto;
  names: Names;
  /** False under the therapist's form (which holds the same words): the version line and the map only. */
  textShown?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const c = plan.content;
  const image = plan.map ? maintenanceMapImage(plan.map, names, t, i18n.language) : null;
  return (
    <div className="maintenance-plan" data-version={plan.version}>
      <p className="muted">
        {t('followup.plan.version', { version: plan.version, date: longDay(plan.savedAt, i18n.language) })}
      </p>
      {textShown ? (
        <>
          <h3>{t('followup.plan.pauseRitual')}</h3>
          <Written text={c.pauseRitual} />
          <h3>{t('followup.plan.comeBack')}</h3>
          <Written text={c.comeBack} />
          <div className="maintenance-partners">
            {(['a', 'b'] as const).map((slot) => (
              <div key={slot} className="maintenance-partner" data-slot={slot}>
                <h3>{t('followup.plan.partnerPart', { name: names[slot] })}</h3>
                <h4>{t('followup.plan.warningSigns')}</h4>
                <Written text={c[slot].warningSigns} />
                <h4>{t('followup.plan.commitments')}</h4>
                <Written text={c[slot].commitments} />
              </div>
            ))}
          </div>
        </>
      ) : null}
      {plan.map && image ? (
        <figure className="maintenance-map">
          <figcaption>
            <h3>{t('followup.plan.map')}</h3>
          </figcaption>
          <img
            src={image}
            alt={t('followup.plan.mapAlt', {
              date: longDay(plan.map.takenAt, i18n.language),
              count: plan.map.nodes.length,
            })}
          />
        </figure>
      ) : null}
    </div>
  );
}

/** The partner's own part of the plan, editable by them (a new version; the other partner's part is untouched). */
function MyPartForm({
  data,
  onSaved,
  onCancel,
}: {
  data: PartnerFollowUpDto;
  onSaved: (d: PartnerFollowUpDto) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const mine = data.plan?.content[data.slot] ?? { warningSigns: '', commitments: '' };
  const [warningSigns, setWarningSigns] = useState(mine.warningSigns);
  const [commitments, setCommitments] = useState(mine.commitments);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <Form
      className="maintenance-form"
      onSubmit={(e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        void api.saveMyMaintenancePart({ warningSigns, commitments }).then((res) => {
          setPending(false);
          if (res.ok) onSaved(res.data);
          else setError(res.error);
        });
      }}
    >
      <TextField
        className="field"
        value={warningSigns}
        onChange={setWarningSigns}
        maxLength={MAINTENANCE_LIMITS.fieldChars}
      >
        <Label className="field-label">{t('followup.plan.warningSigns')}</Label>
        <TextArea className="input textarea" rows={3} />
      </TextField>
      <TextField
        className="field"
        value={commitments}
        onChange={setCommitments}
        maxLength={MAINTENANCE_LIMITS.fieldChars}
      >
        <Label className="field-label">{t('followup.plan.commitments')}</Label>
        <TextArea className="input textarea" rows={3} />
      </TextField>
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('followup.plan.saveMine')}
        </PendingButton>
        <Button className="btn btn-secondary" onPress={onCancel}>
          {t('followup.plan.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** On the partner's page when therapy is ending or in follow-up: the shared plan, read-only but for their part. */
export function MaintenanceSection({
  data,
  onChange,
}: {
  data: PartnerFollowUpDto;
  onChange: (d: PartnerFollowUpDto) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  if (data.status === 'active') return null;
  const names: Names = {
    a: data.partners.find((p) => p.slot === 'a')?.displayName ?? '',
    b: data.partners.find((p) => p.slot === 'b')?.displayName ?? '',
  };
  return (
    <section className="card between-section" aria-labelledby="maintenance-heading" data-section="maintenance">
      <h2 id="maintenance-heading">{t('followup.plan.heading')}</h2>
      <p className="muted">
        {data.status === 'ending' ? t('followup.plan.leadEnding') : t('followup.plan.leadFollowUp')}
      </p>
      {data.plan ? (
        <MaintenancePlanText plan={data.plan} names={names} />
      ) : (
        <p className="empty">{t('followup.plan.none')}</p>
      )}
      {editing ? (
        <MyPartForm
          data={data}
          onCancel={() => setEditing(false)}
          onSaved={(d) => {
            onChange(d);
            setEditing(false);
            setNote(t('followup.plan.savedMine'));
          }}
        />
      ) : (
        <Button className="btn btn-secondary" onPress={() => (setEditing(true), setNote(''))}>
          {t('followup.plan.editMine')}
        </Button>
      )}
      <StatusLine>{note}</StatusLine>
    </section>
  );
}

/** In follow-up between check-in dates: the ratings are not asked; when the next ask comes. */
export function CheckInNotDue({ next }: { next: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card between-section" aria-labelledby="weekly-heading" data-section="weekly">
      <h2 id="weekly-heading">{t('followup.check.notDueHeading')}</h2>
      <p className="muted">{t('followup.check.notDue', { date: longDay(next, i18n.language) })}</p>
    </section>
  );
}
