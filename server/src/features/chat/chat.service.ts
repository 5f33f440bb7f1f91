import { randomUUID } from 'node:crypto';
import { ErrorCode, type ChatMessageDto, type ChatReadEvent } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { ChatMessagesTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { Scope } from '../../access/scope.js';
import { PartnersStore } from '../couples/partners.store.js';

/** Who is asking, on which line (every call checks that the line is theirs). */
export interface ChatActor {
  role: 'therapist' | 'partner';
  therapistId: string;
  partnerId: string | null;
  sessionId: string | null;
}

const HISTORY_LIMIT = 500;

function dto(m: ChatMessagesTable): ChatMessageDto {
  return {
    id: m.id,
    partnerId: m.partner_id,
    author: m.author,
    text: m.text,
    createdAt: toIso(m.created_at) ?? '',
    readAt: toIso(m.read_at),
  };
}

/** Private messages between one partner and the therapist, kept with the couple's case. */
export class ChatService {
  private readonly partners: PartnersStore;
  private readonly scope: Scope;

  constructor(private readonly ctx: AppContext) {
    this.partners = new PartnersStore(ctx.db);
    this.scope = new Scope(ctx.db);
  }

  /** The couple of a line, if the actor belongs to its audience (that partner, or a clinician of the couple). */
  async lineCouple(actor: ChatActor, partnerId: string): Promise<string> {
    const owner = await this.partners.owner(partnerId);
    if (!owner) throw forbidden();
    if (actor.role === 'therapist' && (await this.scope.couple(actor.therapistId, owner.coupleId)) !== 'none')
      return owner.coupleId;
    if (actor.role === 'partner' && actor.partnerId === partnerId) return owner.coupleId;
    throw forbidden('This conversation is not yours.');
  }

  async send(actor: ChatActor, partnerId: string, text: string): Promise<ChatMessageDto> {
    const coupleId = await this.lineCouple(actor, partnerId);
    const row: ChatMessagesTable = {
      id: randomUUID(),
      couple_id: coupleId,
      partner_id: partnerId,
      session_id: actor.sessionId,
      author: actor.role,
      text,
      created_at: this.ctx.clock.now(),
      read_at: null,
    };
    await this.ctx.db.insertInto('chat_messages').values(row).execute();
    return dto(row);
  }

  async history(actor: ChatActor, partnerId: string): Promise<ChatMessageDto[]> {
    await this.lineCouple(actor, partnerId);
    await this.auditTherapistRead(actor, partnerId);
    const rows = await this.ctx.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .orderBy('created_at', 'desc')
      .limit(HISTORY_LIMIT)
      .execute();
    return rows.reverse().map(dto);
  }

  /** Marks what the other side wrote, up to a message, as read by the actor. */
  async markRead(actor: ChatActor, partnerId: string, upToId: string): Promise<ChatReadEvent | null> {
    await this.lineCouple(actor, partnerId);
    const upTo = await this.ctx.db
      .selectFrom('chat_messages')
      .select(['created_at', 'partner_id'])
      .where('id', '=', upToId)
      .executeTakeFirst();
    if (!upTo || upTo.partner_id !== partnerId) throw new AppError(ErrorCode.NOT_FOUND, 'No such message.');
    const other = actor.role === 'therapist' ? 'partner' : 'therapist';
    const unread = await this.ctx.db
      .selectFrom('chat_messages')
      .select('id')
      .where('partner_id', '=', partnerId)
      .where('author', '=', other)
      .where('read_at', 'is', null)
      .where('created_at', '<=', upTo.created_at)
      .execute();
    if (unread.length === 0) return null;
    const now = this.ctx.clock.now();
    const ids = unread.map((r) => r.id);
    await this.ctx.db.updateTable('chat_messages').set({ read_at: now }).where('id', 'in', ids).execute();
    await this.auditTherapistRead(actor, partnerId);
    return { partnerId, reader: actor.role, ids, readAt: toIso(now) ?? '' };
  }

  /** One audit row per time the therapist opens or reads a partner's private line (ids only, never text). */
  private async auditTherapistRead(actor: ChatActor, partnerId: string): Promise<void> {
    if (actor.role !== 'therapist') return;
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: actor.therapistId,
      action: 'chat.read_by_therapist',
      sessionId: actor.sessionId,
      targetId: partnerId,
    });
  }
}
