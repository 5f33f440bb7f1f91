/** Tables of the time between sessions (issue 14): case links, homework, the conflict log and the plan. Timestamps are epoch milliseconds. */

/** A partner's personal link for the couple's case (issue 14): one live per partner. */
export interface CaseLinksTable {
  id: string;
  couple_id: string;
  partner_id: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

/** A device's cookie for a case link; revoked with its link. */
export interface CaseGrantsTable {
  token_hash: string;
  link_id: string;
  couple_id: string;
  partner_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** The task agreed at a session: for one partner, or both when `partner_id` is null. */
export interface HomeworkTable {
  id: string;
  couple_id: string;
  session_id: string | null;
  partner_id: string | null;
  text: string;
  due_at: number | null;
  repeat: 'none' | 'daily' | 'weekly';
  created_at: number;
  closed_at: number | null;
}

/** One partner's tick and private reflection for one period of a task ('' for a one-off task). */
export interface HomeworkMarksTable {
  homework_id: string;
  partner_id: string;
  period: string;
  done_at: number | null;
  reflection: string | null;
  updated_at: number;
}

/** One partner's conflict log entry: theirs and the therapist's to read, never the other partner's. */
export interface ConflictEntriesTable {
  id: string;
  couple_id: string;
  partner_id: string;
  occurred_at: number;
  duration_min: number | null;
  repair_min: number | null;
  /** 1 or 0; null when not said. */
  pause_used: number | null;
  helped: string | null;
  created_at: number;
  updated_at: number;
}

/** One saved version of a couple's treatment plan (`content`: the PlanContent as JSON). */
export interface PlanVersionsTable {
  couple_id: string;
  version: number;
  content: string;
  saved_by: string | null;
  saved_at: number;
}

/** A version of the maintenance plan: its content and the map's picture then (JSON). */
export interface MaintenanceVersionsTable {
  couple_id: string;
  version: number;
  content: string;
  map: string | null;
  saved_by_type: 'therapist' | 'partner';
  saved_by: string | null;
  saved_at: number;
}

/** A review of the plan: the note, and the objectives' statuses then (JSON). */
export interface PlanReviewsTable {
  id: string;
  couple_id: string;
  plan_version: number;
  note: string;
  statuses: string;
  reviewed_by: string | null;
  reviewed_at: number;
}

export interface BetweenTables {
  case_links: CaseLinksTable;
  case_grants: CaseGrantsTable;
  homework: HomeworkTable;
  homework_marks: HomeworkMarksTable;
  conflict_entries: ConflictEntriesTable;
  plan_versions: PlanVersionsTable;
  maintenance_versions: MaintenanceVersionsTable;
  plan_reviews: PlanReviewsTable;
}
