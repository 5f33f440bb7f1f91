import type { Response } from 'express';

/** Sends a PDF as a download (never cached: it is health data). The file name is ASCII made by the server. */
export function sendPdf(res: Response, pdf: Buffer, fileName: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', String(pdf.length));
  res.end(pdf);
}
