/**
 * Access rules in one place: `principalOf` says who is asking (./principal.ts) and `can` says whether they may
 * do an action on a resource. REST routes, Socket.IO handlers and the /collab upgrade all ask here.
 */
import { ErrorCode } from '@tandem/shared';
import type { Db } from '../db/database.js';
import { AppError } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import type { AuditLog } from '../lib/audit.js';
import type { CredentialEnds } from './credentialEnds.js';
import { PartnersStore } from '../features/couples/partners.store.js';
import { Scope } from './scope.js';
import { Principals, type PartnerPrincipal, type Principal, type TherapistPrincipal } from './principal.js';

export type AccessAction =
  /**
   * Open a live connection to a session, read its join page: its therapist, a clinician who joins it (co-therapist
   * or supervisor), or a device of one of its partners.
   */
  | 'session.connect'
  /** Run a session (admit, decline, remove a device, end, breakout, who joins it): its therapist only. */
  | 'session.run'
  /** Act in the session's room: its therapist, a clinician who joins it, or a device the therapist admitted. */
  | 'session.take-part'
  /** Read and work on a couple's clinical data and open its docs: its clinician, or one it is shared with. */
  | 'couple.manage'
  /** Transfer a couple to another clinician or share it: the practice's owner or an admin, or its own clinician. */
  | 'couple.assign'
  /** Read or write a partner audience (`partner:<id>`: the private line): that partner's admitted device, or the couple's therapist. */
  | 'audience.use'
  /** The practice's settings and audit log: its owner (the therapist who set Tandem up). */
  | 'practice.administer'
  /** The practice's people and settings: its owner and its admins. */
  | 'practice.manage';

export type AccessResource =
  | { kind: 'session'; sessionId: string }
  | { kind: 'couple'; coupleId: string }
  | { kind: 'partner-audience'; partnerId: string }
  | { kind: 'practice' };

export type Decision = { ok: true } | { ok: false; code: ErrorCode; message: string };

const allow: Decision = { ok: true };
const deny = (code: ErrorCode, message: string): Decision => ({ ok: false, code, message });
const signIn = deny(ErrorCode.UNAUTHENTICATED, 'Open the link your therapist sent you, or sign in.');
const notYours = deny(ErrorCode.FORBIDDEN, 'You do not have access to this.');
const ended = deny(ErrorCode.SESSION_ENDED, 'This session has ended.');
const cancelled = deny(ErrorCode.SESSION_CANCELLED, 'This session was cancelled.');
const ownerOnly = deny(ErrorCode.FORBIDDEN, 'Only the practice’s owner can do this.');
const managersOnly = deny(ErrorCode.FORBIDDEN, 'Only the practice’s owner or an admin can do this.');
const notAdmitted = deny(ErrorCode.FORBIDDEN, 'You are not in the session room yet.');

type AllowedAction<R extends AccessResource['kind']> = R extends 'session'
  ? 'session.connect' | 'session.run' | 'session.take-part'
  : R extends 'couple'
    ? 'couple.manage' | 'couple.assign'
    : R extends 'practice'
      ? 'practice.administer' | 'practice.manage'
      : 'audience.use';

export class Access {
  readonly principals: Principals;
  private readonly partners: PartnersStore;
  readonly scope: Scope;

  constructor(
    private readonly db: Db,
    clock: Clock,
    ends: CredentialEnds | null = null,
    audit: AuditLog | null = null,
  ) {
    this.principals = new Principals(db, clock, ends, audit);
    this.partners = new PartnersStore(db);
    this.scope = new Scope(db);
  }

  principalOf: Principals['principalOf'] = (source, sessionId) => this.principals.principalOf(source, sessionId);

  async can<R extends AccessResource>(p: Principal, action: AllowedAction<R['kind']>, resource: R): Promise<boolean> {
    return (await this.decide(p, action, resource)).ok;
  }

  /** Throws the decision's typed error unless allowed. */
  async assert<R extends AccessResource>(p: Principal, action: AllowedAction<R['kind']>, resource: R): Promise<void> {
    const d = await this.decide(p, action, resource);
    if (!d.ok) throw new AppError(d.code, d.message);
  }

  async decide(p: Principal, action: AccessAction, resource: AccessResource): Promise<Decision> {
    if (p.kind === 'nobody') return signIn;
    switch (resource.kind) {
      case 'session':
        return this.decideSession(p, action, resource.sessionId);
      case 'couple': {
        if (p.kind !== 'therapist') return notYours;
        if (action === 'couple.manage') return this.decideCouple(p.therapistId, resource.coupleId);
        if (action !== 'couple.assign') return notYours;
        const [staff, standing] = await Promise.all([
          this.scope.staff(p.therapistId),
          this.scope.couple(p.therapistId, resource.coupleId),
        ]);
        if (standing === 'missing') return deny(ErrorCode.NOT_FOUND, 'No such couple.');
        if (!staff?.active) return notYours;
        return staff.role !== 'clinician' || standing === 'assigned' ? allow : notYours;
      }
      case 'practice': {
        if (p.kind !== 'therapist') return notYours;
        const staff = await this.scope.staff(p.therapistId);
        if (!staff?.active) return notYours;
        if (action === 'practice.administer') return staff.role === 'owner' ? allow : ownerOnly;
        if (action === 'practice.manage') return staff.role === 'clinician' ? managersOnly : allow;
        return notYours;
      }
      case 'partner-audience': {
        if (action !== 'audience.use') return notYours;
        if (p.kind === 'partner') {
          if (p.partnerId !== resource.partnerId) return notYours;
          return this.decideSession(p, 'session.take-part', p.sessionId);
        }
        const owner = await this.partners.owner(resource.partnerId);
        return owner ? this.decideCouple(p.therapistId, owner.coupleId) : notYours;
      }
    }
  }

  /** A couple's clinical data: its clinician or one it is shared with, while active and clinical. */
  private async decideCouple(therapistId: string, coupleId: string): Promise<Decision> {
    const standing = await this.scope.couple(therapistId, coupleId);
    if (standing === 'missing') return deny(ErrorCode.NOT_FOUND, 'No such couple.');
    return standing === 'none' ? notYours : allow;
  }

  private async decideSession(
    p: TherapistPrincipal | PartnerPrincipal,
    action: AccessAction,
    sessionId: string,
  ): Promise<Decision> {
    const session = await this.db
      .selectFrom('sessions')
      .select(['therapist_id', 'status'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) return deny(ErrorCode.NOT_FOUND, 'No such session.');
    if (p.kind === 'therapist') {
      // The session's assigned clinician runs it; a co-therapist or supervisor joins it but never runs it; all
      // while their account is active and clinical.
      const seat = await this.scope.seat(p.therapistId, sessionId);
      if (seat === null || !(await this.scope.clinicalActive(p.therapistId)))
        return deny(ErrorCode.FORBIDDEN, 'This session belongs to another therapist.');
      if (action === 'session.run' && seat !== 'lead')
        return deny(ErrorCode.FORBIDDEN, 'Only the clinician who runs this session can do that.');
      return session.status === 'cancelled' ? cancelled : session.status === 'ended' ? ended : allow;
    }
    if (p.sessionId !== sessionId) return notYours;
    if (session.status === 'cancelled') return cancelled;
    if (session.status === 'ended') return ended;
    switch (action) {
      case 'session.connect':
        return allow;
      case 'session.take-part': {
        // The device's own admission, read from storage every time (never from which rooms a socket is in).
        const device = await this.principals.grants.device(p.credential.grantHash);
        return device?.admission === 'admitted' ? allow : notAdmitted;
      }
      default:
        return notYours;
    }
  }
}
