import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantView } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { errorKey } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PRESENCE_STATUS_KEYS } from './presenceKeys';
import { useSessionSocket } from './useSessionSocket';

/**
 * Therapist only: each device a partner has signed in with (each admitted on its own), when it joined, its
 * status, and a way to remove one (its link stops working there and it is disconnected).
 */
export function DeviceList({ person }: { person: ParticipantView }) {
  const { t, i18n } = useTranslation();
  const { connection, emitWithAck } = useSessionSocket();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const devices = person.devices ?? [];

  const remove = async (deviceId: string) => {
    setPending(deviceId);
    setError(null);
    const result = await emitWithAck('lobby:remove-device', { partnerId: person.id, deviceId });
    setPending(null);
    if (!result.ok) setError(result.error);
  };

  return (
    <>
      <ul aria-label={t('presence.devicesOf', { name: person.name })} className="device-list">
        {devices.map((device, i) => (
          <li key={device.id} className="device-item" data-device={device.id} data-status={device.status}>
            <span className={`presence-dot presence-dot-${device.status}`} aria-hidden="true" />
            <span className="presence-name">
              {t('presence.device', { n: i + 1 })}
              <span className="presence-role">
                {t('presence.joinedAt', { time: formatDateTime(device.joinedAt, i18n.language) ?? '' })}
              </span>
            </span>
            <span className="presence-status">{t(PRESENCE_STATUS_KEYS[device.status])}</span>
            <button
              type="button"
              className="btn btn-quiet btn-small"
              aria-busy={pending === device.id}
              disabled={connection !== 'connected' || pending !== null}
              onClick={() => void remove(device.id)}
            >
              {t('presence.removeDevice', { n: i + 1, name: person.name })}
            </button>
          </li>
        ))}
      </ul>
      {/* Plain markup (no react-aria here), so the People list renders anywhere, tests included. */}
      {error ? (
        <div role="alert" className="notice notice-error" data-error-code={error.code}>
          <p>{t(errorKey(error.code))}</p>
        </div>
      ) : null}
    </>
  );
}
