/** Presence per device, pure: what the therapist sees of each partner's devices and of the person overall. */
import {
  ErrorCode,
  type AdmissionState,
  type DeviceView,
  type ParticipantView,
  type PresenceStatus,
  type SelfView,
} from '@tandem/shared';
import { AppError, notFound } from '../../lib/errors.js';
import type { SocketData } from '../../realtime/types.js';
import { toIso } from '../../lib/clock.js';
import type { GuestGrantsTable } from '../../db/schema.js';
import { partnerPresence } from './admission.js';

/** Best first: a person's status is the best of their devices' statuses. */
const RANK: readonly PresenceStatus[] = ['online', 'reconnecting', 'waiting', 'declined', 'left', 'absent'];

export function deviceViews(
  devices: readonly GuestGrantsTable[],
  connected: ReadonlySet<string>,
  now: number,
): DeviceView[] {
  return devices.map((g) => ({
    id: g.device_id,
    status: partnerPresence(
      { admission: g.admission, disconnectedAt: g.disconnected_at },
      connected.has(g.device_id),
      now,
    ),
    joinedAt: toIso(g.created_at) ?? '',
  }));
}

/** A partner's overall status: the best device's, or from the partner's own record when no device is left. */
export function personStatus(devices: readonly DeviceView[], partnerAdmission: AdmissionState): PresenceStatus {
  if (devices.length === 0) return partnerAdmission === 'left' ? 'left' : 'absent';
  return RANK.find((s) => devices.some((d) => d.status === s)) ?? 'absent';
}

/** The partner-level admission kept in `session_participants`, summed up from the devices (for reports). */
export function partnerAdmissionOf(devices: readonly GuestGrantsTable[], current: AdmissionState): AdmissionState {
  if (devices.some((d) => d.admission === 'admitted')) return 'admitted';
  if (devices.some((d) => d.admission === 'waiting')) return 'waiting';
  if (devices.some((d) => d.admission === 'declined')) return 'declined';
  return current;
}

/** The device an admit or decline is about: the one named, or the partner's only connected waiting one. */
export function targetDevice(
  devices: readonly GuestGrantsTable[],
  deviceId: string | undefined,
  connected: ReadonlySet<string>,
): GuestGrantsTable {
  if (deviceId !== undefined) {
    const named = devices.find((d) => d.device_id === deviceId);
    if (!named) throw notFound('No such device.');
    return named;
  }
  const pending = devices.filter((d) => connected.has(d.device_id) && d.admission !== 'admitted');
  if (pending.length === 1 && pending[0]) return pending[0];
  if (pending.length > 1) throw new AppError(ErrorCode.CONFLICT, 'Choose which device to let in.');
  const admitted = devices.find((d) => d.admission === 'admitted');
  if (admitted) return admitted; // admitting twice is a no-op; declining it is refused by the transition
  throw new AppError(ErrorCode.CONFLICT, 'That person is not in the waiting room.');
}

/** What a socket's own entry says: for a partner, its device's status. */
export function selfOf(list: readonly ParticipantView[], data: SocketData): SelfView {
  const entry = list.find((p) => p.id === data.personId);
  if (data.role === 'therapist')
    return entry ?? { id: data.personId, role: 'therapist', name: '', status: 'absent', seat: data.seat };
  const device = entry?.devices?.find((v) => v.id === data.deviceId);
  return {
    id: data.partnerId,
    role: 'partner',
    name: entry?.name ?? '',
    status: device?.status ?? 'absent',
    deviceId: data.deviceId,
  };
}
