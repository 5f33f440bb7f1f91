/**
 * The couple's confidentiality policy (issue 15; DOMAIN.md section 2): the therapist sets it (a kind and optional
 * own words); every change is a new version. Each partner acknowledges the current version; a change asks again.
 * The therapist reads every version, acknowledgement and moved item; a partner reads the current policy and their
 * own acknowledgements only. Nothing here is ever broadcast: an acknowledgement changes no other connection.
 */
import { ErrorCode, POLICY_LIMITS, type CouplePolicyDto, type MyPolicyDto, type SetPolicyBody } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { CouplesService } from '../couples/couples.service.js';
import { PolicyStore, ackDto, addPolicyVersion, currentPolicy, movedDto, versionDto } from './policy.store.js';

/** Who acknowledges: a partner of a couple, from their credential (session cookie or case cookie). */
export interface PolicyReader {
  partnerId: string;
  coupleId: string;
}

export class PolicyService {
  private readonly store: PolicyStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
  ) {
    this.store = new PolicyStore(ctx.db);
  }

  async coupleView(therapistId: string, coupleId: string): Promise<CouplePolicyDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const [versions, acks, moved] = await Promise.all([
      this.store.versions(coupleId),
      this.store.acks(coupleId),
      this.store.moved(coupleId),
    ]);
    const current = versions[0];
    if (!current) throw notFound('This couple has no policy yet.');
    const currentVersion = Number(current.version);
    return {
      current: versionDto(current),
      versions: versions.map(versionDto),
      partners: couple.partners.map((p) => {
        const ack = acks.find((a) => a.partner_id === p.id && Number(a.version) === currentVersion);
        return { partnerId: p.id, acknowledgedAt: ack ? ackDto(ack).acknowledgedAt : null };
      }),
      acknowledgements: acks.map(ackDto),
      moved: moved.map(movedDto),
    };
  }

  /** A new version on top of `baseVersion`; a stale base (someone changed it meanwhile) is CONFLICT. */
  async set(therapistId: string, coupleId: string, body: SetPolicyBody): Promise<CouplePolicyDto> {
    await this.couples.get(therapistId, coupleId);
    const now = this.ctx.clock.now();
    const version = await this.ctx.db.transaction().execute(async (trx) => {
      const current = await currentPolicy(trx, coupleId);
      const at = current ? Number(current.version) : 0;
      if (at !== body.baseVersion) {
        throw new AppError(ErrorCode.CONFLICT, 'The policy changed since you opened it. Look at it again.');
      }
      if (current && current.kind === body.kind && current.words === body.words) {
        throw new AppError(ErrorCode.CONFLICT, 'This is the current policy already.');
      }
      if (at >= POLICY_LIMITS.versions)
        throw new AppError(ErrorCode.CONFLICT, 'This couple has as many policy versions as it keeps.');
      return addPolicyVersion(trx, { coupleId, kind: body.kind, words: body.words, by: therapistId, at: now });
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'policy.set',
      targetId: `${coupleId}:${version}`,
    });
    return this.coupleView(therapistId, coupleId);
  }

  async mine(p: PolicyReader): Promise<MyPolicyDto> {
    const current = await currentPolicy(this.ctx.db, p.coupleId);
    if (!current) throw notFound('There is no policy yet.');
    const acks = await this.store.acks(p.coupleId, p.partnerId);
    return {
      current: versionDto(current),
      acknowledged: acks.some((a) => Number(a.version) === Number(current.version)),
      acknowledgements: acks.map(ackDto),
    };
  }

  /**
   * Stores that this partner read `version`, which must be their couple's current one: an older one is CONFLICT
   * (the policy changed; read the new one), one the couple never had is NOT_FOUND. Acknowledging again is a no-op.
   */
  async acknowledge(p: PolicyReader, version: number, sessionId: string | null): Promise<MyPolicyDto> {
    const current = await currentPolicy(this.ctx.db, p.coupleId);
    const at = current ? Number(current.version) : 0;
    if (version > at) throw notFound('No such version of the policy.');
    if (version < at) throw new AppError(ErrorCode.CONFLICT, 'The policy changed. Please read the new version.');
    const stored = await this.store.acknowledge({
      partner_id: p.partnerId,
      couple_id: p.coupleId,
      version,
      acknowledged_at: this.ctx.clock.now(),
    });
    if (stored) {
      await this.ctx.audit.record({
        actorType: 'partner',
        actorId: p.partnerId,
        action: 'partner.policy_ack',
        sessionId,
        targetId: `${p.coupleId}:${version}`,
      });
    }
    return this.mine(p);
  }
}
