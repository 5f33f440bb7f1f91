/** Tables of private drafting (issue 15): a round, each partner's own cards, and the therapist's reveal requests. */
import type { DraftKind, RevealOutcome } from '@tandem/shared';

/** A drafting round the therapist opened in a joint session (closed_at null while open). */
export interface DraftRoundsTable {
  id: string;
  session_id: string;
  opened_by: string;
  opened_at: number;
  closed_at: number | null;
}

/** A partner's own draft card in a round; the reveal's who and when once it went onto the map. */
export interface DraftCardsTable {
  id: string;
  round_id: string;
  partner_id: string;
  /** The card's place among the partner's cards of the round, in the order written. */
  seq: number;
  kind: DraftKind;
  text: string;
  version: number;
  created_at: number;
  updated_at: number;
  revealed_at: number | null;
  revealed_by: string | null;
  agreed_by: string | null;
  map_card_id: string | null;
}

/** The therapist's request to reveal some of a partner's cards (items: JSON [{id, version}]). */
export interface DraftRevealsTable {
  id: string;
  round_id: string;
  partner_id: string;
  items: string;
  status: 'pending' | RevealOutcome;
  requested_by: string;
  requested_at: number;
  answered_at: number | null;
}

export interface DraftTables {
  draft_rounds: DraftRoundsTable;
  draft_cards: DraftCardsTable;
  draft_reveals: DraftRevealsTable;
}
