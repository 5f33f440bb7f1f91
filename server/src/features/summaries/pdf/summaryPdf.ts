import type { Response } from 'express';
import type { PdfQuery, ReleasedSummaryDto } from '@tandem/shared';
import type { AppContext } from '../../../context.js';
import { AccountService } from '../../auth/account.service.js';
import { renderPdf } from '../../record/pdf/render.js';
import { sendPdf } from '../../record/pdf/send.js';
import { summaryDocument } from './summaryDocument.js';

/**
 * Builds and sends the PDF of a released summary: labels in the reader's language (else the summary's own), times
 * in their time zone, the practice's name of the therapist who released it in the running head.
 */
export async function sendSummaryPdf(
  ctx: AppContext,
  res: Response,
  released: ReleasedSummaryDto,
  therapistId: string,
  query: PdfQuery,
): Promise<void> {
  const { practiceName } = await new AccountService(ctx).practice();
  const pdf = await renderPdf(
    summaryDocument(
      { content: released.content, releasedAt: released.releasedAt, practiceName },
      { lang: query.lang ?? released.content.language, timeZone: query.tz ?? 'UTC' },
    ),
  );
  const day = (released.content.session.date ?? released.releasedAt).slice(0, 10);
  sendPdf(res, pdf, `session-summary-${day}.pdf`);
}
