/**
 * Which couples a person of the practice may see, as one SQL filter every list and check uses (never
 * `where therapist_id = me` scattered about): their own couples, those shared with them and those of a session
 * they join as a co-therapist or supervisor (until they are taken off it), and only while their account is
 * active and clinical (an admin who is not also a clinician sees none).
 */
import type { ExpressionBuilder } from 'kysely';
import type { SessionSeat, StaffRole } from '@tandem/shared';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/database.js';

/** The filter on `couples` rows visible to this person (combine with `.where(couplesVisibleTo(id))`). */
export function couplesVisibleTo(therapistId: string) {
  return (eb: ExpressionBuilder<Database, 'couples'>) =>
    eb.and([
      eb.exists(
        eb
          .selectFrom('therapists as me')
          .select('me.id')
          .where('me.id', '=', therapistId)
          .where('me.clinical', '=', 1)
          .where('me.deactivated_at', 'is', null),
      ),
      eb.or([
        eb('couples.therapist_id', '=', therapistId),
        eb(
          'couples.id',
          'in',
          eb
            .selectFrom('couple_shares')
            .select('couple_shares.couple_id')
            .where('couple_shares.clinician_id', '=', therapistId),
        ),
        eb(
          'couples.id',
          'in',
          eb
            .selectFrom('session_clinicians')
            .innerJoin('sessions', 'sessions.id', 'session_clinicians.session_id')
            .select('sessions.couple_id')
            .where('session_clinicians.clinician_id', '=', therapistId),
        ),
      ]),
    ]);
}

export interface StaffState {
  id: string;
  name: string;
  role: StaffRole;
  clinical: boolean;
  active: boolean;
}

/** How a person stands to a couple: missing (no such couple), none, shared with them, or assigned to them. */
export type CoupleStanding = 'missing' | 'none' | 'shared' | 'assigned';

export class Scope {
  constructor(private readonly db: Db) {}

  async staff(therapistId: string): Promise<StaffState | undefined> {
    const row = await this.db
      .selectFrom('therapists')
      .select(['id', 'name', 'role', 'clinical', 'deactivated_at'])
      .where('id', '=', therapistId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      clinical: Number(row.clinical) === 1,
      active: row.deactivated_at === null || row.deactivated_at === undefined,
    };
  }

  async couple(therapistId: string, coupleId: string): Promise<CoupleStanding> {
    const [exists, visible] = await Promise.all([
      this.db.selectFrom('couples').select('id').where('id', '=', coupleId).executeTakeFirst(),
      this.db
        .selectFrom('couples')
        .select('therapist_id')
        .where('id', '=', coupleId)
        .where(couplesVisibleTo(therapistId))
        .executeTakeFirst(),
    ]);
    if (!exists) return 'missing';
    if (!visible) return 'none';
    return visible.therapist_id === therapistId ? 'assigned' : 'shared';
  }

  /**
   * Whether this person sees the couple only as a supervisor of some of its sessions (not its clinician, not
   * shared with them, no co-therapist seat): they read, and write nothing.
   */
  async supervisesOnly(therapistId: string, coupleId: string): Promise<boolean> {
    if ((await this.couple(therapistId, coupleId)) !== 'shared') return false;
    const [share, seats] = await Promise.all([
      this.db
        .selectFrom('couple_shares')
        .select('clinician_id')
        .where('couple_id', '=', coupleId)
        .where('clinician_id', '=', therapistId)
        .executeTakeFirst(),
      this.db
        .selectFrom('session_clinicians')
        .innerJoin('sessions', 'sessions.id', 'session_clinicians.session_id')
        .select('session_clinicians.seat')
        .where('sessions.couple_id', '=', coupleId)
        .where('session_clinicians.clinician_id', '=', therapistId)
        .execute(),
    ]);
    return !share && seats.length > 0 && seats.every((r) => r.seat === 'supervisor');
  }

  /** This person's seat in a session: `lead` (it is theirs), a co-therapist's or supervisor's, or null. */
  async seat(therapistId: string, sessionId: string): Promise<SessionSeat | null> {
    const [session, seat] = await Promise.all([
      this.db.selectFrom('sessions').select('therapist_id').where('id', '=', sessionId).executeTakeFirst(),
      this.db
        .selectFrom('session_clinicians')
        .select('seat')
        .where('session_id', '=', sessionId)
        .where('clinician_id', '=', therapistId)
        .executeTakeFirst(),
    ]);
    if (!session) return null;
    if (session.therapist_id === therapistId) return 'lead';
    return seat?.seat ?? null;
  }

  /** Whether this person is active and sees clinical data (may be given couples, may run sessions). */
  async clinicalActive(therapistId: string): Promise<boolean> {
    const s = await this.staff(therapistId);
    return s !== undefined && s.active && s.clinical;
  }
}
