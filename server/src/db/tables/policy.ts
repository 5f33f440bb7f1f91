/** Tables of the confidentiality policy per item (issue 15): its versions, acknowledgements, and moved items. */
import type { ConfidentialityPolicy, MovedItemKind } from '@tandem/shared';

/** Added by 0020: each version of a couple's confidentiality policy (never overwritten). */
export interface PolicyVersionsTable {
  couple_id: string;
  version: number;
  kind: ConfidentialityPolicy;
  words: string | null;
  created_by: string | null;
  created_at: number;
}

/** Added by 0020: a partner's acknowledgement of one policy version. */
export interface PolicyAcksTable {
  partner_id: string;
  couple_id: string;
  version: number;
  acknowledged_at: number;
}

/** Added by 0020: an item moved from a private space into a shared one, under the policy version then current. */
export interface MovedItemsTable {
  id: string;
  couple_id: string;
  kind: MovedItemKind;
  item_id: string;
  moved_by_type: 'partner' | 'therapist';
  moved_by: string;
  session_id: string | null;
  policy_version: number;
  moved_at: number;
}

export interface PolicyTables {
  policy_versions: PolicyVersionsTable;
  policy_acks: PolicyAcksTable;
  moved_items: MovedItemsTable;
}
