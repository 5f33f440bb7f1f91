/** The fonts embedded in every PDF: DejaVu Sans (Latin with accents, Greek, Cyrillic, many symbols), from npm. */
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const path = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

let cache: { regular: Buffer; bold: Buffer } | null = null;

/** The regular and bold faces as TTF bytes, read once. */
export function pdfFonts(): { regular: Buffer; bold: Buffer } {
  cache ??= { regular: fs.readFileSync(path('DejaVuSans.ttf')), bold: fs.readFileSync(path('DejaVuSans-Bold.ttf')) };
  return cache;
}

/** The names the faces are registered under in every document (`doc.font(R)`, `doc.font(B)`). */
export const R = 'body';
export const B = 'bold';
