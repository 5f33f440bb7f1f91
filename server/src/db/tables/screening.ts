/** Tables of safety in joint work (issue 15): intake, where a partner is, private screening. Timestamps are epoch milliseconds. */

/** A partner's intake (issue 15): therapist-only once given; the partner reads back their own. */
export interface PartnerIntakesTable {
  partner_id: string;
  couple_id: string;
  contact_name: string;
  contact_phone: string;
  contact_relation: string;
  address: string;
  country: string;
  consent_version: number;
  consent_at: number;
  updated_at: number;
}

/** Where a partner is for one session (1/0 flags). */
export interface SessionLocationsTable {
  session_id: string;
  partner_id: string;
  usual: number;
  address: string | null;
  country: string | null;
  private: number;
  confirmed_at: number;
}

/** A private screening sent to one partner; answers (JSON) and risk items (JSON array) once answered. */
export interface ScreeningsTable {
  id: string;
  couple_id: string;
  partner_id: string;
  instrument_id: string;
  instrument_version: number;
  sent_at: number;
  answered_at: number | null;
  answers: string | null;
  score: number | null;
  flagged: number | null;
  risk_items: string | null;
}

export interface ScreeningTables {
  partner_intakes: PartnerIntakesTable;
  session_locations: SessionLocationsTable;
  screenings: ScreeningsTable;
}
