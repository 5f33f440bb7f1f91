/**
 * The admission state machine, pure: no storage, no sockets.
 *   invited --connect--> waiting --admit--> admitted --drop > grace--> (waiting on return)
 *                        waiting --decline--> declined --admit--> admitted
 */
import {
  ErrorCode,
  RECONNECT_GRACE_MS,
  exhaustive,
  type AdmissionState,
  type DeviceAdmission,
  type ParticipantView,
  type PresenceStatus,
} from '@tandem/shared';
import { AppError } from '../../lib/errors.js';

export interface AdmissionRecord {
  admission: AdmissionState;
  /** When the last connection dropped; null while connected (or never dropped). */
  disconnectedAt: number | null;
}

/** Whether a dropped participant is still inside the reconnect grace window. */
export function withinGrace(disconnectedAt: number | null, now: number): boolean {
  return disconnectedAt === null || now - disconnectedAt <= RECONNECT_GRACE_MS;
}

/** The state a partner lands in when a connection of theirs arrives. */
export function admissionOnConnect(rec: AdmissionRecord, now: number, alreadyConnected: boolean): AdmissionState {
  switch (rec.admission) {
    case 'admitted':
      return alreadyConnected || withinGrace(rec.disconnectedAt, now) ? 'admitted' : 'waiting';
    case 'invited':
    case 'waiting':
    case 'left':
      return 'waiting';
    case 'declined':
      return 'declined';
    default:
      return exhaustive(rec.admission);
  }
}

/** The admission a device lands in when a connection of its own arrives (never from another device's). */
export function deviceAdmissionOnConnect(
  rec: { admission: DeviceAdmission; disconnectedAt: number | null },
  now: number,
  alreadyConnected: boolean,
): DeviceAdmission {
  const next = admissionOnConnect(rec, now, alreadyConnected);
  return next === 'admitted' || next === 'declined' ? next : 'waiting';
}

/** Admit is allowed for someone waiting (or declined earlier and still here); admitting twice is a no-op. */
export function admit(current: AdmissionState, connected: boolean): AdmissionState {
  if (current === 'admitted') return 'admitted';
  if ((current === 'waiting' || current === 'declined') && connected) return 'admitted';
  throw new AppError(ErrorCode.CONFLICT, 'That person is not in the waiting room.');
}

export function decline(current: AdmissionState, connected: boolean): AdmissionState {
  if (current === 'declined') return 'declined';
  if (current === 'waiting' && connected) return 'declined';
  throw new AppError(ErrorCode.CONFLICT, 'That person is not in the waiting room.');
}

/** What the therapist's presence list shows for a partner. */
export function partnerPresence(rec: AdmissionRecord, connected: boolean, now: number): PresenceStatus {
  switch (rec.admission) {
    case 'admitted':
      if (connected) return 'online';
      return withinGrace(rec.disconnectedAt, now) ? 'reconnecting' : 'left';
    case 'waiting':
      return connected ? 'waiting' : 'absent';
    case 'declined':
      return 'declined';
    case 'left':
      return 'left';
    case 'invited':
      return 'absent';
    default:
      return exhaustive(rec.admission);
  }
}

export function therapistPresence(connected: boolean, disconnectedAt: number | null, now: number): PresenceStatus {
  if (connected) return 'online';
  if (disconnectedAt === null) return 'absent';
  return withinGrace(disconnectedAt, now) ? 'reconnecting' : 'left';
}

/**
 * The room's view of presence (what partners receive): no trace of who was turned away, no devices, and no
 * supervisor (they watch unseen by the partners). A declined partner looks like someone who has not arrived.
 */
export function roomView(list: ParticipantView[]): ParticipantView[] {
  return list
    .filter((p) => p.seat !== 'supervisor')
    .map(({ devices: _devices, ...p }) => (p.status === 'declined' ? { ...p, status: 'absent' } : p));
}
