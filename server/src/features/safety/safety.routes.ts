import { Router, type Request } from 'express';
import type { PartnerStopLabelDto, StopLabelDto } from '@tandem/shared';
import { idParamSchema, stopLabelBodySchema, stopSignalBodySchema } from '@tandem/shared/schemas';
import type { PartnerPrincipal } from '../../access/principal.js';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import type { SafetyService } from './safety.service.js';

/**
 * REST for the stop signal: the partner's own label and a fallback for the signal when the socket is down (sent
 * with `keepalive`); the therapist's labels on the couple's page.
 */
export function safetyRoutes(
  safety: SafetyService,
  requireTherapist: RequireTherapist,
  requireGuest: (req: Request) => Promise<PartnerPrincipal>,
): Router {
  const router = Router();

  router.get(
    '/join/:sessionId/stop-signal',
    route(async (req): Promise<StopLabelDto> => safety.labelFor((await requireGuest(req)).partnerId)),
  );
  router.post(
    '/join/:sessionId/stop-signal',
    route(async (req) => {
      const guest = await requireGuest(req);
      const { id } = parseWith(stopSignalBodySchema, req.body);
      return safety.signal({ sessionId: guest.sessionId, partnerId: guest.partnerId }, id);
    }),
  );
  router.get(
    '/couples/:coupleId/stop-signal',
    route(async (req): Promise<PartnerStopLabelDto[]> =>
      safety.labels((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['coupleId'])),
    ),
  );
  router.put(
    '/couples/:coupleId/partners/:partnerId/stop-signal',
    route(async (req): Promise<PartnerStopLabelDto> => {
      const therapist = await requireTherapist(req);
      const coupleId = parseWith(idParamSchema, req.params['coupleId']);
      const partnerId = parseWith(idParamSchema, req.params['partnerId']);
      const { label } = parseWith(stopLabelBodySchema, req.body);
      return safety.setLabel(therapist.id, coupleId, partnerId, label);
    }),
  );
  return router;
}
