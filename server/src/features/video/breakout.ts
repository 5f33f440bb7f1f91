/** The breakout's rules, pure: who may start one, and which signals it lets through. */
import { ErrorCode, breakoutAllows, type BreakoutState, type Role, type SessionKind } from '@tandem/shared';
import { AppError, forbidden } from '../../lib/errors.js';

export interface BreakoutStartInput {
  role: Role;
  sessionKind: SessionKind;
  /** The partners of this session. */
  partnerIds: readonly string[];
  partnerId: string;
  current: BreakoutState | null;
}

/** Throws a typed error when a breakout cannot start now. */
export function checkBreakoutStart(input: BreakoutStartInput): void {
  if (input.role !== 'therapist') throw forbidden('Only the therapist can start a breakout.');
  if (input.sessionKind !== 'joint') throw new AppError(ErrorCode.CONFLICT, 'A breakout needs a joint session.');
  if (!input.partnerIds.includes(input.partnerId)) throw forbidden('That person is not part of this session.');
  if (input.current && input.current.partnerId !== input.partnerId) {
    throw new AppError(ErrorCode.CONFLICT, 'End the current breakout first.');
  }
}

export interface SignalRoute {
  breakout: BreakoutState | null;
  therapistId: string;
  from: string;
  to: string;
  /** The sender's socket is admitted to the room. */
  senderAdmitted: boolean;
  /** The target has at least one admitted socket in this session. */
  targetAdmitted: boolean;
}

/** Signaling goes only between two admitted people of one session, allowed by the breakout. */
export function signalAllowed(r: SignalRoute): boolean {
  return r.senderAdmitted && r.targetAdmitted && breakoutAllows(r.breakout, r.therapistId, r.from, r.to);
}
