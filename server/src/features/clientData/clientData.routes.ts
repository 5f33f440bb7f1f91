/**
 * The client's data (issue 16): a partner's export, deleting a couple or a partner's data (the couple's clinician
 * or the practice's owner), and the practice's retention rule (the owner). Every decision through the access
 * module; rate-limited per therapist.
 */
import { Router, type Request } from 'express';
import type { ErasureResultDto, RetentionDto } from '@tandem/shared';
import { deleteConfirmBodySchema, idParamSchema, retentionBodySchema } from '@tandem/shared/schemas';
import type { Access } from '../../access/access.js';
import type { TherapistPrincipal } from '../../access/principal.js';
import type { AppContext } from '../../context.js';
import { unauthenticated } from '../../lib/errors.js';
import { parseWith, route } from '../../lib/http.js';
import type { ClinicianExportService } from './clinicianExport.js';
import type { ErasureService } from './erasure.service.js';
import type { RetentionService } from './retention.service.js';

export interface ClientDataServices {
  exports: ClinicianExportService;
  erasure: ErasureService;
  retention: RetentionService;
}

export function clientDataRoutes(ctx: AppContext, access: Access, s: ClientDataServices): Router {
  const router = Router();

  /** A signed-in therapist, or UNAUTHENTICATED (a partner's cookie is nobody here). */
  const therapist = async (req: Request): Promise<TherapistPrincipal> => {
    const p = await access.principalOf(req);
    if (p.kind !== 'therapist') throw unauthenticated();
    return p;
  };
  /** The couple's clinician, or the practice's owner (admins later): the typed refusal otherwise. */
  const clinicianOrOwner = async (req: Request): Promise<{ me: TherapistPrincipal; coupleId: string }> => {
    const me = await therapist(req);
    const coupleId = parseWith(idParamSchema, req.params['id']);
    if (!(await access.can(me, 'couple.manage', { kind: 'couple', coupleId }))) {
      await access.assert(me, 'practice.administer', { kind: 'practice' });
    }
    await ctx.limits.consume('clientDataPerTherapist', me.therapistId);
    return { me, coupleId };
  };
  const owner = async (req: Request): Promise<TherapistPrincipal> => {
    const me = await therapist(req);
    await access.assert(me, 'practice.administer', { kind: 'practice' });
    await ctx.limits.consume('retentionPerTherapist', me.therapistId);
    return me;
  };

  router.get(
    '/couples/:id/partners/:partnerId/export.zip',
    route(async (req, res) => {
      const { me, coupleId } = await clinicianOrOwner(req);
      const partnerId = parseWith(idParamSchema, req.params['partnerId']);
      const { zip, fileName } = await s.exports.archive(me.therapistId, coupleId, partnerId);
      res.status(200);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Length', String(zip.length));
      res.end(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    }),
  );
  router.post(
    '/couples/:id/erase',
    route(async (req): Promise<ErasureResultDto> => {
      const { me, coupleId } = await clinicianOrOwner(req);
      const { confirmName } = parseWith(deleteConfirmBodySchema, req.body);
      return s.erasure.eraseCouple({ kind: 'therapist', therapistId: me.therapistId }, coupleId, confirmName);
    }),
  );
  router.post(
    '/couples/:id/partners/:partnerId/erase',
    route(async (req): Promise<ErasureResultDto> => {
      const { me, coupleId } = await clinicianOrOwner(req);
      const partnerId = parseWith(idParamSchema, req.params['partnerId']);
      const { confirmName } = parseWith(deleteConfirmBodySchema, req.body);
      return s.erasure.erasePartner(me.therapistId, coupleId, partnerId, confirmName);
    }),
  );
  router.get(
    '/practice/retention',
    route(async (req): Promise<RetentionDto> => {
      await owner(req);
      return s.retention.state();
    }),
  );
  router.put(
    '/practice/retention',
    route(async (req): Promise<RetentionDto> => {
      const me = await owner(req);
      const { years } = parseWith(retentionBodySchema, req.body);
      return s.retention.setYears(me.therapistId, years);
    }),
  );
  return router;
}
