/**
 * Private drafting on the map, revealed on cue (issue 15). In a joint session the therapist opens a drafting
 * round; each partner writes their own draft cards in their private space (audience partner:<id>: that partner
 * and the therapist). The therapist asks to reveal some of a partner's cards; only that partner's yes makes the
 * server write them into the couple's map (in that partner's lane). Nothing of a draft, of a partner's drafting or
 * of a pending reveal is ever sent to the other partner; only the round's opening and closing go to the room.
 */
import type { Ack, EmptyPayload } from './protocol.js';
import type { CycleNodeKind } from './map.js';

/** The kinds a partner drafts: their trigger, what they did, what they felt underneath. */
export const DRAFT_KINDS = ['trigger', 'action', 'underlying-emotion'] as const satisfies readonly CycleNodeKind[];
export type DraftKind = (typeof DRAFT_KINDS)[number];

export const DRAFT_LIMITS = {
  /** A draft card's words (a map card's limit). */
  textChars: 500,
  /** Draft cards one partner may hold in one round. */
  cardsPerPartner: 20,
} as const;

/** How the last reveal request of a partner ended (the pending one is `pending` on their drafts). */
export const REVEAL_OUTCOMES = ['agreed', 'refused', 'withdrawn'] as const;
export type RevealOutcome = (typeof REVEAL_OUTCOMES)[number];

export interface DraftRoundView {
  id: string;
  openedAt: string;
}

export interface DraftCardView {
  id: string;
  kind: DraftKind;
  text: string;
  /** Bumped on every edit: a pending reveal holds the versions it was asked for. */
  version: number;
  /** When the partner agreed and the card went onto the map (null while private). */
  revealedAt: string | null;
  /** The card's id on the couple's map once revealed. */
  mapCardId: string | null;
}

export interface PendingRevealView {
  id: string;
  cardIds: string[];
  requestedAt: string;
}

/** One partner's drafts in the open round: sent to that partner's audience only (them and the therapist). */
export interface PartnerDrafts {
  partnerId: string;
  cards: DraftCardView[];
  /** The therapist's request waiting for this partner's answer. */
  pending: PendingRevealView | null;
  /** How the last answered request ended. */
  last: { id: string; outcome: RevealOutcome; at: string } | null;
}

/** A partner gets their own entry only; the therapist gets both partners'. */
export interface DraftsState {
  round: DraftRoundView | null;
  partners: PartnerDrafts[];
}

export interface DraftSavePayload {
  /** Absent for a new card; an existing card's id to change it. */
  id?: string;
  kind: DraftKind;
  text: string;
}

export interface DraftRevealPayload {
  partnerId: string;
  /** One card, or all of them at once. */
  cardIds: string[];
}

export interface DraftAnswerPayload {
  revealId: string;
  agree: boolean;
}

export interface DraftsClientEvents {
  /** Anyone: the round and the drafts this person may see (after connect or reconnect). */
  'drafts:state': (payload: EmptyPayload, ack: Ack<DraftsState>) => void;
  /** Therapist: open a drafting round (announced to the room). */
  'drafts:open': (payload: EmptyPayload, ack: Ack<DraftsState>) => void;
  /** Therapist: close the round (pending reveals are withdrawn). */
  'drafts:close': (payload: EmptyPayload, ack: Ack<DraftsState>) => void;
  /** Partner: add or change one of their own draft cards. */
  'drafts:save': (payload: DraftSavePayload, ack: Ack<PartnerDrafts>) => void;
  /** Partner: delete one of their own draft cards. */
  'drafts:delete': (payload: { id: string }, ack: Ack<PartnerDrafts>) => void;
  /** Therapist: ask a partner to reveal some of their cards into the couple's map. */
  'drafts:reveal': (payload: DraftRevealPayload, ack: Ack<DraftsState>) => void;
  /** Partner: yes (the server writes the cards into the map) or no to the pending request. */
  'drafts:answer': (payload: DraftAnswerPayload, ack: Ack<PartnerDrafts>) => void;
}

export interface DraftsServerEvents {
  /** To the room: the round opened or closed (a joint instruction, nothing about anyone's drafts). */
  'drafts:round': (payload: { round: DraftRoundView | null }) => void;
  /** To one partner's audience only (that partner's devices and the therapist). */
  'drafts:partner': (drafts: PartnerDrafts) => void;
}
