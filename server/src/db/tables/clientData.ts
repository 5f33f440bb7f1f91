/** Retention, background job leases and password resets (issue 16; migration 0024). */

export interface RetentionSettingsTable {
  /** Always 1: one rule for the practice. */
  id: number;
  /** null: keep; N: delete a couple N years after its last session. */
  years: number | null;
  updated_by: string | null;
  updated_at: number;
}

export interface JobClaimsTable {
  name: string;
  /** The lease: another process may take the job only once this has passed. */
  claimed_until: number;
  claimed_by: string;
  last_run_at: number | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  therapist_id: string;
  /** The owner who issued it by hand; null when the person asked by e-mail. */
  issued_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ClientDataTables {
  retention_settings: RetentionSettingsTable;
  job_claims: JobClaimsTable;
  password_resets: PasswordResetsTable;
}
