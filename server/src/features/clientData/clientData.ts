/** The client's data, assembled for app.ts: the services and one router for them. */
import type { Router } from 'express';
import type * as Y from 'yjs';
import type { Access } from '../../access/access.js';
import type { AppContext } from '../../context.js';
import type { PartnerExportService } from '../exports/partnerExport.js';
import { ClinicianExportService } from './clinicianExport.js';
import { clientDataRoutes } from './clientData.routes.js';
import { ErasureService, type ErasureDeps } from './erasure.service.js';
import { RetentionService } from './retention.service.js';

export interface ClientDataWiring extends ErasureDeps {
  access: Access;
  partnerExport: PartnerExportService;
  withDoc: <T>(name: string, fn: (doc: Y.Doc) => T) => Promise<T>;
}

export function clientDataFeature(
  ctx: AppContext,
  w: ClientDataWiring,
): { erasure: ErasureService; retention: RetentionService; router: Router } {
  const erasure = new ErasureService(ctx, w);
  const retention = new RetentionService(ctx, erasure);
  const exports = new ClinicianExportService(ctx, w.partnerExport, w.withDoc);
  const router = clientDataRoutes(ctx, w.access, { exports, erasure, retention });
  return { erasure, retention, router };
}
