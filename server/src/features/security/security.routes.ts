import { Router } from 'express';
import type { AuditPageDto, DeviceDto, RecoveryCodesDto, SecurityStateDto, TotpEnrolmentDto } from '@tandem/shared';
import {
  auditQuerySchema,
  deviceIdParamSchema,
  requireSecondFactorBodySchema,
  totpConfirmBodySchema,
  totpDisableBodySchema,
} from '@tandem/shared/schemas';
import { parseWith, readCookie, route } from '../../lib/http.js';
import { hashToken } from '../../lib/tokens.js';
import { THERAPIST_COOKIE } from '../../access/principal.js';
import type { RequireTherapist } from '../../access/http.js';
import type { SecondFactorService } from './secondFactor.service.js';
import type { DevicesService } from './devices.service.js';
import type { AuditViewService } from './auditView.service.js';
import type { RateLimits } from '../../lib/rateLimit.js';

export interface SecurityGuards {
  /** A complete sign-in. */
  requireTherapist: RequireTherapist;
  /** A complete sign-in, or one held until its second factor is enrolled. */
  requireEnrolling: RequireTherapist;
  /** The practice's owner. */
  requireOwner: RequireTherapist;
}

/** Second factor, devices, the practice's rule and the audit log. */
export function securityRoutes(
  guards: SecurityGuards,
  secondFactor: SecondFactorService,
  devices: DevicesService,
  audit: AuditViewService,
  limits: RateLimits,
): Router {
  const router = Router();
  const { requireTherapist, requireEnrolling, requireOwner } = guards;
  router.get(
    '/account/security',
    route(async (req): Promise<SecurityStateDto> => {
      const me = await requireEnrolling(req);
      await limits.consume('securityPerTherapist', me.id);
      return devices.state(me.id);
    }),
  );
  router.post(
    '/account/security/totp',
    route(async (req): Promise<TotpEnrolmentDto> => secondFactor.startEnrolment(await requireEnrolling(req))),
  );
  router.post(
    '/account/security/totp/confirm',
    route(async (req): Promise<RecoveryCodesDto> => {
      const me = await requireEnrolling(req);
      const { code } = parseWith(totpConfirmBodySchema, req.body);
      return secondFactor.confirmEnrolment(me, code, req.ip ?? 'unknown');
    }),
  );
  router.post(
    '/account/security/totp/disable',
    route(async (req): Promise<SecurityStateDto> => {
      const me = await requireTherapist(req);
      await secondFactor.disable(me, parseWith(totpDisableBodySchema, req.body), req.ip ?? 'unknown');
      return devices.state(me.id);
    }),
  );
  router.put(
    '/account/security/require',
    route(async (req): Promise<SecurityStateDto> => {
      const me = await requireOwner(req);
      const { required } = parseWith(requireSecondFactorBodySchema, req.body);
      return devices.setRequireSecondFactor(me.id, required);
    }),
  );
  router.get(
    '/account/devices',
    route(async (req): Promise<DeviceDto[]> => {
      const me = await requireTherapist(req);
      return devices.list(me.id, hashToken(readCookie(req, THERAPIST_COOKIE) ?? ''));
    }),
  );
  router.delete(
    '/account/devices/:deviceId',
    route(async (req) => {
      const me = await requireTherapist(req);
      await devices.signOut(me.id, parseWith(deviceIdParamSchema, req.params['deviceId']));
      return null;
    }),
  );
  router.get(
    '/audit',
    route(async (req): Promise<AuditPageDto> => {
      const me = await requireOwner(req);
      return audit.page(me.id, parseWith(auditQuerySchema, req.query));
    }),
  );
  router.get('/audit.csv', async (req, res, next) => {
    try {
      const me = await requireOwner(req);
      const csv = await audit.csv(me.id, parseWith(auditQuerySchema, req.query));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="tandem-audit-log.csv"');
      res.send(csv);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
