/** Tables of the practice (issue 16): its settings, couples shared with another clinician, clinician invites. */
import type { AssignableRole, ClinicianSeat, ConfidentialityPolicy, Language, NoteFormat } from '@tandem/shared';

/** Added by 0024: the practice's settings, one row (id 1). */
export interface PracticeTable {
  id: number;
  name: string | null;
  time_zone: string;
  language: Language;
  default_policy: ConfidentialityPolicy;
  note_format: NoteFormat | null;
  updated_at: number | null;
}

/** Added by 0024: a couple shared with a clinician besides its own (read and work on its clinical data). */
export interface CoupleSharesTable {
  couple_id: string;
  clinician_id: string;
  created_by: string;
  created_at: number;
}

/** Added by 0024: a single-use invite to join the practice (the token kept only as its hash). */
export interface StaffInvitesTable {
  id: string;
  token_hash: string;
  email: string;
  role: AssignableRole;
  clinical: number;
  language: Language;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

/** Added by 0026: a clinician who joins one session beside the one who runs it. */
export interface SessionCliniciansTable {
  session_id: string;
  clinician_id: string;
  seat: ClinicianSeat;
  added_by: string;
  added_at: number;
}

export interface PracticeTables {
  practice: PracticeTable;
  couple_shares: CoupleSharesTable;
  session_clinicians: SessionCliniciansTable;
  staff_invites: StaffInvitesTable;
}
