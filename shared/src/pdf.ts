/** Exports of the session record (issue 13): the PDF and the practice's name printed on it. Therapist-only. */
import type { Language } from './domain.js';

export const PRACTICE_NAME_MAX = 120;

/** GET/PUT /api/account/practice */
export interface PracticeDto {
  /** Empty when none is set. */
  practiceName: string;
}
export type PracticeBody = PracticeDto;

/** The query of the PDF routes: the language it is written in (the reader's). */
export interface PdfQuery {
  lang?: Language;
  /** The reader's IANA time zone (times are printed in it); UTC when absent. */
  tz?: string;
}
