import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CLINICIAN_SEATS, type ClinicianSeat, type SessionCliniciansDto, type SessionDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { SelectField } from '../../components/fields';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';

interface Props {
  session: SessionDto;
  title: string;
  onChanged: () => void;
}

/**
 * Co-therapy, for the clinician who runs a session: who joins it beside them (a co-therapist, or a supervisor
 * where the couple consented), added from the practice's clinicians and taken off again. Opens in a dialog from
 * the session's row so the schedule stays short.
 */
export function SessionClinicians({ session, title, onChanged }: Props) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="btn btn-secondary btn-small">
        {t('practice.cotherapy.button')}
        <span className="visually-hidden">: {title}</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {t('practice.cotherapy.heading')}
                </Heading>
                <p className="muted">{title}</p>
                <ClinicianList sessionId={session.id} onChanged={onChanged} />
                <div className="dialog-actions">
                  <Button className="btn btn-primary" onPress={close}>
                    {t('common.close')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ClinicianList({ sessionId, onChanged }: { sessionId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const list = useQuery(`clinicians:${sessionId}`, (signal) => api.sessionClinicians(sessionId, { signal }));
  const [person, setPerson] = useState('');
  const [seat, setSeat] = useState<ClinicianSeat>('cotherapist');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState('');
  if (!list.data) return list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : <Loading />;
  const data: SessionCliniciansDto = list.data;
  const chosen = data.choices.some((c) => c.id === person) ? person : (data.choices[0]?.id ?? '');
  const nameOf = (id: string) =>
    data.choices.find((c) => c.id === id)?.name ?? data.clinicians.find((c) => c.id === id)?.name ?? '';
  const supervisorRefused = seat === 'supervisor' && !data.supervisionConsent;

  const settle = (next: SessionCliniciansDto, message: string) => {
    list.setData(next);
    setStatus(message);
    onChanged();
  };
  const add = async () => {
    setPending(true);
    setError(null);
    const res = await api.addSessionClinician(sessionId, { clinicianId: chosen, seat });
    setPending(false);
    if (!res.ok) return setError(res.error);
    settle(res.data, t('practice.cotherapy.added', { name: nameOf(chosen) }));
  };
  const remove = async (id: string, name: string) => {
    setError(null);
    const res = await api.removeSessionClinician(sessionId, id);
    if (!res.ok) return setError(res.error);
    settle(res.data, t('practice.cotherapy.removed', { name }));
  };

  return (
    <div className="cotherapy">
      <p className="muted">{t('practice.cotherapy.intro')}</p>
      {data.clinicians.length === 0 ? (
        <p>{t('practice.cotherapy.none')}</p>
      ) : (
        <ul className="cotherapy-list" aria-label={t('practice.cotherapy.heading')}>
          {data.clinicians.map((c) => (
            <li key={c.id} className="cotherapy-item">
              <span>
                <strong>{c.name}</strong> · {t(`practice.cotherapy.seats.${c.seat}`)}
              </span>
              <Button
                className="btn btn-secondary btn-small"
                aria-label={t('practice.cotherapy.remove', { name: c.name })}
                onPress={() => void remove(c.id, c.name)}
              >
                {t('common.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {data.choices.length === 0 ? (
        <p className="muted">{t('practice.cotherapy.nobody')}</p>
      ) : (
        <div className="cotherapy-add">
          <SelectField<string>
            label={t('practice.cotherapy.person')}
            value={chosen}
            onChange={setPerson}
            options={data.choices.map((c) => ({ id: c.id, label: c.name }))}
          />
          <SelectField<ClinicianSeat>
            label={t('practice.cotherapy.seat')}
            value={seat}
            onChange={setSeat}
            options={CLINICIAN_SEATS.map((s) => ({ id: s, label: t(`practice.cotherapy.seats.${s}`) }))}
          />
          {supervisorRefused ? <p className="field-description">{t('practice.cotherapy.noConsent')}</p> : null}
          <PendingButton
            className="btn btn-primary"
            pending={pending}
            isDisabled={supervisorRefused || !chosen}
            onPress={() => void add()}
          >
            {t('practice.cotherapy.add')}
          </PendingButton>
        </div>
      )}
      <ErrorNotice error={error} />
      <StatusLine>{status}</StatusLine>
    </div>
  );
}
