/** zod schemas for the intake, the location at a session's start and the screening answers (issue 15). */
import { z } from 'zod';
import { INSTRUMENT_ID_PATTERN, INSTRUMENT_LIMITS } from './instruments.js';
import { noteText } from './record.schemas.js';
import {
  COUNTRY_CODES,
  PHONE_PATTERN,
  SCREENING_LIMITS,
  type IntakeBody,
  type JointWorkBody,
  type LocationBody,
  type ScreeningAnswerBody,
} from './screening.js';

const required = (max: number, what: string) => noteText(max).refine((v) => v.trim() !== '', `write ${what}`);
const country = z.string().refine((c) => COUNTRY_CODES.includes(c), 'pick a country from the list');

export const intakeBodySchema = z
  .object({
    contactName: required(SCREENING_LIMITS.nameChars, 'a name'),
    contactPhone: z
      .string()
      .max(SCREENING_LIMITS.phoneChars)
      .regex(PHONE_PATTERN, 'a phone number: digits, spaces, + ( ) -'),
    contactRelation: required(SCREENING_LIMITS.relationChars, 'who they are to you'),
    address: required(SCREENING_LIMITS.addressChars, 'an address'),
    country,
    consent: z.literal(true, 'consent is needed for video sessions'),
    consentVersion: z.number().int().min(1).max(1000),
  })
  .strict() satisfies z.ZodType<IntakeBody, unknown>;

export const locationBodySchema = z
  .object({
    usual: z.boolean(),
    address: noteText(SCREENING_LIMITS.addressChars).nullable(),
    country: country.nullable(),
    private: z.boolean(),
  })
  .strict()
  .refine((b) => b.usual || (b.address !== null && b.address.trim() !== '' && b.country !== null), {
    message: 'write where you are and pick the country',
    path: ['address'],
  })
  .refine((b) => !b.usual || (b.address === null && b.country === null), {
    message: 'no address with the usual place',
    path: ['address'],
  }) satisfies z.ZodType<LocationBody, unknown>;

export const screeningAnswerBodySchema = z
  .object({
    instrumentId: z.string().regex(INSTRUMENT_ID_PATTERN),
    instrumentVersion: z.number().int().min(1).max(INSTRUMENT_LIMITS.maxVersion),
    answers: z.record(
      z.string().max(INSTRUMENT_LIMITS.idChars),
      z.union([
        z.number().int().min(-INSTRUMENT_LIMITS.scaleValueAbs).max(INSTRUMENT_LIMITS.scaleValueAbs),
        noteText(INSTRUMENT_LIMITS.textAnswerChars),
      ]),
    ),
  })
  .strict()
  .refine((b) => Object.keys(b.answers).length <= INSTRUMENT_LIMITS.items, 'too many answers') satisfies z.ZodType<
  ScreeningAnswerBody,
  unknown
>;

/** Pausing joint work (with one individual session booked per partner) or resuming it. */
export const jointWorkBodySchema = z
  .object({ paused: z.boolean(), bookIndividual: z.boolean().optional() })
  .strict()
  .refine((b) => b.paused || !b.bookIndividual, 'individual sessions are booked only when pausing') satisfies z.ZodType<
  JointWorkBody,
  unknown
>;
