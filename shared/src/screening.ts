/**
 * Where each partner is, who to call, and the private screening (issue 15). Everything here belongs to the
 * `therapist` audience once given: a partner writes their own intake, location and screening answers through
 * their own links and reads back only their own; the other partner never receives any of it, nor any sign that
 * it exists (a screening sent, answered or flagged).
 */
import type { InstrumentDefinition, LocalizedText, MeasureAnswers } from './instruments.js';

export const SCREENING_LIMITS = {
  nameChars: 120,
  phoneChars: 40,
  relationChars: 80,
  addressChars: 500,
  /** Screenings the therapist's view lists per partner (newest first). */
  screeningsPerPartner: 20,
  /** Open (unanswered) screenings a partner may have at once: sending again while one is open is refused. */
  openPerPartner: 1,
} as const;

/** A phone number as people type it: digits, spaces, `+ ( ) - . /`, at least 3 digits. */
export const PHONE_PATTERN = /^(?=(?:\D*\d){3})[0-9+()\-./ ]{3,40}$/;

export const EMERGENCY_SERVICES = ['all', 'police', 'ambulance', 'fire'] as const;
export type EmergencyService = (typeof EMERGENCY_SERVICES)[number];

export interface EmergencyNumber {
  /** ISO 3166-1 alpha-2 (`GB` for the UK), or `other`. */
  country: string;
  /** The number to call first. */
  number: string;
  /** What that first number reaches. */
  service: EmergencyService;
  /** Other numbers worth knowing there. */
  others: { number: string; service: EmergencyService }[];
  /** True for the fallback (a country not in the table): the therapist should check the local number. */
  fallback: boolean;
}

type Row = [string, string, EmergencyService, ...[string, EmergencyService][]];
const single = (codes: string[], number: string): Row[] => codes.map((c) => [c, number, 'all']);

/**
 * Local emergency numbers. The EU's 112 reaches every emergency service in every member state; where a country has
 * separate numbers, the first is the one for a person in danger now.
 */
const TABLE: Row[] = [
  ...single(['US', 'CA', 'MX', 'PR', 'AR', 'EC', 'UY', 'PY', 'CR', 'PA', 'SV', 'HN', 'DO'], '911'),
  ...single(
    ['ES', 'DE', 'FR', 'IT', 'PT', 'NL', 'BE', 'IE', 'AT', 'SE', 'DK', 'FI', 'PL', 'GR', 'CZ', 'LU', 'CH', 'NO'],
    '112',
  ),
  ['GB', '999', 'all', ['112', 'all']],
  ['CO', '123', 'all'],
  ['CL', '131', 'ambulance', ['133', 'police'], ['132', 'fire']],
  ['PE', '105', 'police', ['106', 'ambulance'], ['116', 'fire']],
  ['BR', '190', 'police', ['192', 'ambulance'], ['193', 'fire']],
  ['AU', '000', 'all', ['112', 'all']],
  ['NZ', '111', 'all'],
  ['IN', '112', 'all'],
  ['JP', '110', 'police', ['119', 'ambulance']],
];

/** The countries a partner can pick (the UI names them in its own language), and `other`. */
export const COUNTRY_CODES: readonly string[] = [...TABLE.map((r) => r[0]), 'other'];
export const FALLBACK_EMERGENCY_NUMBER = '112';

export function emergencyNumberFor(country: string): EmergencyNumber {
  const row = TABLE.find((r) => r[0] === country);
  if (!row) return { country, number: FALLBACK_EMERGENCY_NUMBER, service: 'all', others: [], fallback: true };
  const [code, number, service, ...others] = row;
  return {
    country: code,
    number,
    service,
    others: others.map(([n, s]) => ({ number: n, service: s })),
    fallback: false,
  };
}

/** The telehealth consent a partner gives once (a new version asks again). */
export const TELEHEALTH_CONSENT = {
  version: 1,
  text: {
    en:
      'I agree to take part in couples therapy by video. I understand that video sessions have limits: the connection ' +
      'can fail, and someone near me could overhear. I will join from a place where I can speak freely, or tell my ' +
      'therapist when I cannot. If I am in danger, my therapist may contact my emergency contact or the emergency ' +
      'services where I am. I can withdraw this consent at any time by telling my therapist.',
    es:
      'Acepto participar en terapia de pareja por videollamada. Entiendo que las sesiones por video tienen límites: ' +
      'la conexión puede fallar y alguien cerca podría escuchar. Me conectaré desde un lugar donde pueda hablar con ' +
      'libertad, o se lo diré a mi terapeuta cuando no pueda. Si estoy en peligro, mi terapeuta puede llamar a mi ' +
      'contacto de emergencia o a los servicios de emergencia del lugar donde esté. Puedo retirar este consentimiento ' +
      'en cualquier momento diciéndoselo a mi terapeuta.',
  } satisfies LocalizedText,
} as const;

export interface IntakeBody {
  contactName: string;
  contactPhone: string;
  contactRelation: string;
  address: string;
  country: string;
  /** Must be true: the consent to telehealth, in the version shown. */
  consent: true;
  consentVersion: number;
}

/** A partner's intake, as they and the therapist read it. */
export interface IntakeDto {
  contactName: string;
  contactPhone: string;
  contactRelation: string;
  address: string;
  country: string;
  consentVersion: number;
  /** When the partner ticked the consent (ISO). */
  consentAt: string;
  updatedAt: string;
}

/** Where a partner is for one session: the usual place, or another one. */
export interface LocationBody {
  usual: boolean;
  /** Only when not at the usual place. */
  address: string | null;
  country: string | null;
  private: boolean;
}

export interface SessionLocationDto {
  partnerId: string;
  usual: boolean;
  address: string | null;
  country: string | null;
  private: boolean;
  confirmedAt: string;
}

/** The partner's own view at the start of a session: their usual place (if given) and what they confirmed. */
export interface MyLocationDto {
  usualAddress: string | null;
  usualCountry: string | null;
  current: SessionLocationDto | null;
}

/** Beside a partner in the therapist's room: who to call and where they are. */
export interface PartnerWhereaboutsDto {
  partnerId: string;
  intake: IntakeDto | null;
  location: SessionLocationDto | null;
  /** For the country where they are now (this session's other place), else their usual one; null with neither. */
  emergency: EmergencyNumber | null;
}

export interface RoomWhereaboutsDto {
  sessionId: string;
  partners: PartnerWhereaboutsDto[];
}

/** Only to the therapist audience of a session, when a partner confirms where they are. */
export interface WhereaboutsServerEvents {
  'safety:location': (location: SessionLocationDto) => void;
}

// ---- the private screening ----

export const SAFETY_SCREENING_ID = 'tandem.safety-screening';

export type ScreeningRiskReason = 'item' | 'joint-unsafe';

/**
 * The risk rule: an item at or above its threshold, or joint sessions not felt safe (an answer at or below
 * `jointUnsafeAtMost` on the joint item, "no" or "not sure"), flags the couple for the therapist.
 */
export interface ScreeningRiskRule {
  thresholds: Record<string, number>;
  jointItem: string;
  jointUnsafeAtMost: number;
}

export interface ScreeningDto {
  id: string;
  partnerId: string;
  instrumentId: string;
  instrumentVersion: number;
  sentAt: string;
  answeredAt: string | null;
  answers: MeasureAnswers | null;
  score: number | null;
  /** Null until answered. */
  flagged: boolean | null;
  /** The item ids that crossed their threshold (and the joint item, when it did). */
  riskItems: string[];
}

/** What a partner sees of a screening sent to them: the questions, while it is open. Never its result. */
export interface MyScreeningDto {
  id: string;
  sentAt: string;
  instrument: InstrumentDefinition;
}

export interface ScreeningAnswerBody {
  instrumentId: string;
  instrumentVersion: number;
  answers: MeasureAnswers;
}

/** The therapist's safety view of a couple: each partner's intake and screenings, and the couple's flag. */
export interface CoupleSafetyDto {
  partners: {
    partnerId: string;
    intake: IntakeDto | null;
    emergency: EmergencyNumber | null;
    screenings: ScreeningDto[];
  }[];
  /** A partner's latest answered screening flagged risk: individual sessions are suggested. */
  flagged: boolean;
  consentVersion: number;
  /** Joint work paused since then (individual sessions only), or null. */
  jointPausedAt: string | null;
  /** Joint sessions still booked (scheduled, not started): the therapist decides what to do with them. */
  bookedJoint: number;
}

/** Pausing joint work (optionally booking one individual session with each partner), or resuming it. */
export interface JointWorkBody {
  paused: boolean;
  /** With `paused`: book one individual session with each partner, unscheduled, in the same click. */
  bookIndividual?: boolean;
}

/** The partner's own page: their intake, and the screening waiting for them (if any). */
export interface MySafetyDto {
  intake: IntakeDto | null;
  consentVersion: number;
  screening: MyScreeningDto | null;
}
