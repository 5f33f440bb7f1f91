import { randomUUID } from 'node:crypto';
import type { DraftCardView, DraftKind, PartnerDrafts, RevealOutcome } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { DraftCardsTable, DraftRevealsTable, DraftRoundsTable } from '../../db/schema.js';

/** The card ids and versions a reveal request was made for. */
export interface RevealItem {
  id: string;
  version: number;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

export function revealItems(row: DraftRevealsTable): RevealItem[] {
  return JSON.parse(row.items) as RevealItem[];
}

/** Storage of drafting rounds, partners' draft cards and reveal requests (so a restart loses nothing). */
export class DraftsStore {
  constructor(private readonly db: Db) {}

  async openRound(sessionId: string): Promise<DraftRoundsTable | undefined> {
    return this.db
      .selectFrom('draft_rounds')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
  }

  async addRound(sessionId: string, therapistId: string, now: number): Promise<DraftRoundsTable> {
    const row = { id: randomUUID(), session_id: sessionId, opened_by: therapistId, opened_at: now, closed_at: null };
    await this.db.insertInto('draft_rounds').values(row).execute();
    return row;
  }

  /** Closes the round and withdraws its pending requests; false when it was already closed. */
  async closeRound(roundId: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('draft_rounds')
      .set({ closed_at: now })
      .where('id', '=', roundId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    await this.db
      .updateTable('draft_reveals')
      .set({ status: 'withdrawn', answered_at: now })
      .where('round_id', '=', roundId)
      .where('status', '=', 'pending')
      .execute();
    return Number(res.numUpdatedRows) > 0;
  }

  async cards(roundId: string, partnerId: string): Promise<DraftCardsTable[]> {
    return this.db
      .selectFrom('draft_cards')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('partner_id', '=', partnerId)
      .orderBy('seq')
      .orderBy('id')
      .execute();
  }

  /** One of this partner's cards in this round (never another partner's). */
  async card(roundId: string, partnerId: string, id: string): Promise<DraftCardsTable | undefined> {
    return this.db
      .selectFrom('draft_cards')
      .selectAll()
      .where('id', '=', id)
      .where('round_id', '=', roundId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst();
  }

  async addCard(roundId: string, partnerId: string, kind: DraftKind, text: string, now: number): Promise<string> {
    const id = randomUUID();
    const last = await this.db
      .selectFrom('draft_cards')
      .select(({ fn }) => fn.max('seq').as('seq'))
      .where('round_id', '=', roundId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst();
    await this.db
      .insertInto('draft_cards')
      .values({
        id,
        round_id: roundId,
        partner_id: partnerId,
        seq: Number(last?.seq ?? 0) + 1,
        kind,
        text,
        version: 1,
        created_at: now,
        updated_at: now,
        revealed_at: null,
        revealed_by: null,
        agreed_by: null,
        map_card_id: null,
      })
      .execute();
    return id;
  }

  /** Changes a private card (a revealed one stays as it went onto the map); false when it is gone or revealed. */
  async editCard(card: DraftCardsTable, kind: DraftKind, text: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('draft_cards')
      .set({ kind, text, version: card.version + 1, updated_at: now })
      .where('id', '=', card.id)
      .where('revealed_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async deleteCard(id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('draft_cards')
      .where('id', '=', id)
      .where('revealed_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Marks a card revealed (only at the version the partner agreed to). */
  async markRevealed(item: RevealItem, by: { therapistId: string; partnerId: string }, mapCardId: string, now: number) {
    await this.db
      .updateTable('draft_cards')
      .set({ revealed_at: now, revealed_by: by.therapistId, agreed_by: by.partnerId, map_card_id: mapCardId })
      .where('id', '=', item.id)
      .where('version', '=', item.version)
      .execute();
  }

  /** A partner's requests in a round. */
  private reveals(roundId: string, partnerId: string) {
    return this.db
      .selectFrom('draft_reveals')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('partner_id', '=', partnerId);
  }

  async pending(roundId: string, partnerId: string): Promise<DraftRevealsTable | undefined> {
    return this.reveals(roundId, partnerId).where('status', '=', 'pending').executeTakeFirst();
  }

  async reveal(id: string): Promise<DraftRevealsTable | undefined> {
    return this.db.selectFrom('draft_reveals').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lastAnswered(roundId: string, partnerId: string): Promise<DraftRevealsTable | undefined> {
    return this.reveals(roundId, partnerId)
      .where('status', '!=', 'pending')
      .orderBy('answered_at', 'desc')
      .executeTakeFirst();
  }

  async addReveal(
    row: Pick<DraftRevealsTable, 'round_id' | 'partner_id' | 'requested_by'>,
    items: RevealItem[],
    now: number,
  ): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('draft_reveals')
      .values({ ...row, id, items: JSON.stringify(items), status: 'pending', requested_at: now, answered_at: null })
      .execute();
    return id;
  }

  /** Ends a pending request; false when it was no longer pending (answered on another device, or withdrawn). */
  async settle(id: string, outcome: RevealOutcome, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('draft_reveals')
      .set({ status: outcome, answered_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** A claimed request whose cards could not be written (the map was full): withdrawn after all. */
  async unclaim(id: string): Promise<void> {
    await this.db
      .updateTable('draft_reveals')
      .set({ status: 'withdrawn' })
      .where('id', '=', id)
      .where('status', '=', 'agreed')
      .execute();
  }

  /** A partner's drafts in a round as their audience sees them. */
  async view(roundId: string, partnerId: string): Promise<PartnerDrafts> {
    const [cards, pending, last] = await Promise.all([
      this.cards(roundId, partnerId),
      this.pending(roundId, partnerId),
      this.lastAnswered(roundId, partnerId),
    ]);
    return {
      partnerId,
      cards: cards.map(cardView),
      pending: pending
        ? { id: pending.id, cardIds: revealItems(pending).map((i) => i.id), requestedAt: iso(pending.requested_at) }
        : null,
      last:
        last && last.status !== 'pending'
          ? { id: last.id, outcome: last.status, at: iso(last.answered_at ?? last.requested_at) }
          : null,
    };
  }
}

function cardView(row: DraftCardsTable): DraftCardView {
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    version: Number(row.version),
    revealedAt: row.revealed_at === null ? null : iso(row.revealed_at),
    mapCardId: row.map_card_id,
  };
}
