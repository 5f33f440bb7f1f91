/**
 * The couple's confidentiality policy as versions, each partner's acknowledgement of a version, and the log of
 * items moved from a private space into a shared one (issue 15; DOMAIN.md section 2).
 */
import type { ConfidentialityPolicy } from './domain.js';

export const POLICY_LIMITS = {
  /** The therapist's own words added to the practice's wording of a policy. */
  wordsChars: 2000,
  /** Versions a couple keeps (each change is a new one; the oldest are never deleted, changes stop here). */
  versions: 200,
  /** Moved items the couple's page lists (newest first). */
  historyItems: 200,
} as const;

/** What can move from a private space into a shared one; each is logged with the policy version then current. */
export const MOVED_ITEM_KINDS = ['share_card', 'summary_release', 'draft_reveal'] as const;
export type MovedItemKind = (typeof MOVED_ITEM_KINDS)[number];

export interface PolicyVersionDto {
  version: number;
  kind: ConfidentialityPolicy;
  /** The therapist's own words, or null (the practice's wording alone). */
  words: string | null;
  createdAt: string;
}

export interface PolicyAckDto {
  partnerId: string;
  version: number;
  acknowledgedAt: string;
}

export interface MovedItemDto {
  id: string;
  kind: MovedItemKind;
  /** The card, summary or draft moved (an id, never its words). */
  itemId: string;
  movedBy: { type: 'partner' | 'therapist'; id: string };
  sessionId: string | null;
  policyVersion: number;
  movedAt: string;
}

/** The therapist's view on the couple's page: every version, every acknowledgement, every moved item. */
export interface CouplePolicyDto {
  current: PolicyVersionDto;
  versions: PolicyVersionDto[];
  /** Per partner: whether the current version is acknowledged, and when. */
  partners: { partnerId: string; acknowledgedAt: string | null }[];
  acknowledgements: PolicyAckDto[];
  moved: MovedItemDto[];
}

/** A partner's view: the current policy and their own acknowledgements only. */
export interface MyPolicyDto {
  current: PolicyVersionDto;
  acknowledged: boolean;
  acknowledgements: PolicyAckDto[];
}

export interface SetPolicyBody {
  kind: ConfidentialityPolicy;
  words: string | null;
  /** The version the therapist was looking at; a change on top of a newer one is refused (CONFLICT). */
  baseVersion: number;
}

export interface AcknowledgePolicyBody {
  version: number;
}

/** What a partner's own export may hold, section by section (decided in one place on the server). */
export const PARTNER_EXPORT_SECTIONS = [
  'profile',
  'policy',
  'homework',
  'measures',
  'conflicts',
  'summaries',
  'panel',
  'chat',
] as const;
export type PartnerExportSection = (typeof PARTNER_EXPORT_SECTIONS)[number];

/** `GET /api/me/export`: one partner's own data, built by the server for that partner alone. */
export interface PartnerExportDto {
  format: 'tandem-partner-export';
  version: 1;
  exportedAt: string;
  audience: { kind: 'partner'; partnerId: string };
  sections: Record<PartnerExportSection, unknown>;
}
