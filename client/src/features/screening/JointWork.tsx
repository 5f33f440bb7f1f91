import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoupleSafetyDto, CreatedSessionDto, JointWorkBody } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

export interface JointWorkChange {
  safety: CoupleSafetyDto;
  booked: CreatedSessionDto[];
}

/**
 * Joint work for this couple, therapist only: pause it (with one individual session booked per partner, in one
 * click) or resume it. Silent: nothing is sent to either partner; each learns of their own session only when you
 * send its link.
 */
export function JointWork({
  coupleId,
  safety,
  onChanged,
}: {
  coupleId: string;
  safety: CoupleSafetyDto;
  onChanged: (change: JointWorkChange) => void;
}) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState<'pause' | 'resume' | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const change = async (body: JointWorkBody) => {
    setPending(body.paused ? 'pause' : 'resume');
    setError(null);
    const res = await api.setJointWork(coupleId, body);
    setPending(null);
    if (!res.ok) return setError(res.error);
    onChanged(res.data);
  };

  const paused = safety.jointPausedAt;
  return (
    <div className="joint-work" data-joint-work={paused ? 'paused' : 'active'}>
      <h3>{t('screening.joint.heading')}</h3>
      {paused ? (
        <>
          <p>{t('screening.joint.pausedSince', { date: formatDateTime(paused, i18n.language) })}</p>
          {safety.bookedJoint > 0 ? (
            <p className="muted">{t('screening.joint.stillBooked', { count: safety.bookedJoint })}</p>
          ) : null}
          <PendingButton
            className="btn btn-secondary"
            pending={pending === 'resume'}
            onPress={() => void change({ paused: false })}
          >
            {t('screening.joint.resume')}
          </PendingButton>
        </>
      ) : (
        <>
          <p className="muted">{t('screening.joint.lead')}</p>
          <PendingButton
            className={safety.flagged ? 'btn btn-primary' : 'btn btn-secondary'}
            pending={pending === 'pause'}
            onPress={() => void change({ paused: true, bookIndividual: true })}
          >
            {t('screening.joint.pause')}
          </PendingButton>
        </>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
