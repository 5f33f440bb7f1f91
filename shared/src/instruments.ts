/**
 * Measures as data (issue 14, DOMAIN.md §6). An instrument is a definition: items on response scales with
 * anchors, reversed items, scoring (sum or mean, with a missing-answer rule), the score's range, a clinical cutoff,
 * a reliable-change value, who answers and when, every text in English and Spanish. Tandem ships only ratings
 * written for it (nobody's copyright); a practice imports the instruments it holds a licence for as JSON
 * (validated by `instrumentDefinitionSchema` in ./instruments.schemas.ts, versioned).
 *
 * Every answer is stored with the instrument's id and version and its score, so results over time per partner
 * (charts, plan objectives, reliable-change flags) can be read back without the definition changing under them.
 */
import type { Language } from './domain.js';

/** Text in every language Tandem speaks. */
export type LocalizedText = Record<Language, string>;

export const INSTRUMENT_RESPONDENTS = ['partner', 'therapist'] as const;
/** Who answers: each partner separately, or the therapist. */
export type InstrumentRespondent = (typeof INSTRUMENT_RESPONDENTS)[number];

export const MEASURE_OCCASIONS = ['check-in', 'check-out', 'weekly', 'intake'] as const;
/** When an instrument is given. */
export type MeasureOccasion = (typeof MEASURE_OCCASIONS)[number];

/** The occasions that happen inside a live session (opened and closed there). */
export const SESSION_OCCASIONS = ['check-in', 'check-out'] as const;
export type SessionOccasion = (typeof SESSION_OCCASIONS)[number];

export const SCORING_METHODS = ['sum', 'mean'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export interface ScaleAnchor {
  value: number;
  label: LocalizedText;
}

/** A response scale: whole numbers from `min` to `max`, some of them labelled. */
export interface ResponseScale {
  min: number;
  max: number;
  anchors: ScaleAnchor[];
}

export interface ScaleItem {
  id: string;
  kind: 'scale';
  text: LocalizedText;
  /** A key of the definition's `scales`. */
  scale: string;
  /** Scored as `min + max - answer`. */
  reversed?: boolean;
}

/** A free-text line (e.g. "since last time"): kept with the answers, never scored. */
export interface TextItem {
  id: string;
  kind: 'text';
  text: LocalizedText;
  maxLength: number;
}

export type InstrumentItem = ScaleItem | TextItem;

export interface InstrumentScoring {
  method: ScoringMethod;
  /**
   * How many scale items may be left unanswered and still give a score. The score is then prorated: a sum is the
   * mean of the answered items times the number of scale items, a mean is the mean of the answered ones. With more
   * missing, there is no score.
   */
  maxMissing: number;
}

export interface ClinicalCutoff {
  value: number;
  /** Which side of the cutoff is the clinical range: scores below it (most wellbeing scales), or above it. */
  clinical: 'below' | 'above';
}

export interface InstrumentDefinition {
  /** Lowercase letters, digits, dots and dashes; `tandem.` is reserved for the built-ins. */
  id: string;
  /** A positive whole number: each change to a definition is a new version; answers keep theirs. */
  version: number;
  name: LocalizedText;
  /** What the person answering is asked (shown above the items). */
  instructions: LocalizedText;
  respondent: InstrumentRespondent;
  occasions: MeasureOccasion[];
  scales: Record<string, ResponseScale>;
  items: InstrumentItem[];
  scoring: InstrumentScoring;
  /** The score's range; must equal what the items and scoring give. */
  range: { min: number; max: number };
  cutoff: ClinicalCutoff | null;
  /** The smallest change in the score that is larger than measurement error. */
  reliableChange: number | null;
  /** Where the instrument comes from and under what licence (shown to the therapist). */
  source: string;
}

/** One person's answers: item id to a whole number (scale items) or a line of text (text items). */
export type MeasureAnswers = Record<string, number | string>;

export const INSTRUMENT_LIMITS = {
  idChars: 64,
  items: 100,
  scales: 10,
  anchors: 21,
  /** Scale values are whole numbers in this range. */
  scaleValueAbs: 1000,
  itemTextChars: 500,
  nameChars: 120,
  instructionsChars: 1000,
  anchorChars: 80,
  sourceChars: 500,
  textAnswerChars: 500,
  maxVersion: 1_000_000,
} as const;

export const INSTRUMENT_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{1,63}$/;
/** Ids under this prefix are Tandem's own and cannot be imported. */
export const BUILTIN_INSTRUMENT_PREFIX = 'tandem.';

export function isScaleItem(item: InstrumentItem): item is ScaleItem {
  return item.kind === 'scale';
}

export interface ScoreResult {
  /** Null when more scale items are missing than the scoring allows. */
  score: number | null;
  answered: number;
  missing: number;
  /** Each scale item's scored value (after reversal); null when not answered. */
  itemScores: Record<string, number | null>;
}

/** Rounds to two decimals (scores are shown and compared at that precision). */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Scores answers that have already been checked against the definition (`answerProblems`). */
export function scoreAnswers(def: InstrumentDefinition, answers: MeasureAnswers): ScoreResult {
  const itemScores: Record<string, number | null> = {};
  const values: number[] = [];
  for (const item of def.items) {
    if (!isScaleItem(item)) continue;
    const scale = def.scales[item.scale];
    const raw = answers[item.id];
    if (!scale || typeof raw !== 'number') {
      itemScores[item.id] = null;
      continue;
    }
    const value = item.reversed ? scale.min + scale.max - raw : raw;
    itemScores[item.id] = value;
    values.push(value);
  }
  const total = Object.keys(itemScores).length;
  const missing = total - values.length;
  if (values.length === 0 || missing > def.scoring.maxMissing) {
    return { score: null, answered: values.length, missing, itemScores };
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const score = def.scoring.method === 'mean' ? mean : mean * total;
  return { score: round2(score), answered: values.length, missing, itemScores };
}

/** The range a definition's items and scoring give (what its declared `range` must be). */
export function computedRange(def: Pick<InstrumentDefinition, 'items' | 'scales' | 'scoring'>): {
  min: number;
  max: number;
} {
  const scales = def.items.filter(isScaleItem).map((i) => def.scales[i.scale]);
  let min = 0;
  let max = 0;
  for (const s of scales) {
    if (!s) continue;
    min += s.min;
    max += s.max;
  }
  if (def.scoring.method === 'mean' && scales.length > 0) {
    // A mean with missing items can reach any single item's extreme: the range is the widest scale's.
    min = Math.min(...scales.map((s) => s?.min ?? 0));
    max = Math.max(...scales.map((s) => s?.max ?? 0));
  }
  return { min, max };
}

/**
 * Why a definition is not usable beyond its shape (zod checks the shape): unknown scales, anchors off the scale,
 * duplicate ids, a range that is not what the items give, a cutoff outside it, more allowed missing items than
 * there are. Empty when it is sound.
 */
export function definitionProblems(def: InstrumentDefinition): string[] {
  const problems: string[] = [];
  for (const [key, scale] of Object.entries(def.scales)) {
    if (scale.min >= scale.max) problems.push(`scales.${key}: min must be below max`);
    const seen = new Set<number>();
    for (const a of scale.anchors) {
      if (a.value < scale.min || a.value > scale.max)
        problems.push(`scales.${key}: anchor ${a.value} is off the scale`);
      if (seen.has(a.value)) problems.push(`scales.${key}: anchor ${a.value} twice`);
      seen.add(a.value);
    }
  }
  const ids = new Set<string>();
  for (const item of def.items) {
    if (ids.has(item.id)) problems.push(`items: id ${item.id} twice`);
    ids.add(item.id);
    if (isScaleItem(item) && !def.scales[item.scale]) problems.push(`items.${item.id}: no scale ${item.scale}`);
  }
  const scaleItems = def.items.filter(isScaleItem).length;
  if (scaleItems === 0) problems.push('items: at least one scale item is needed to score');
  if (def.scoring.maxMissing >= Math.max(1, scaleItems)) {
    problems.push('scoring.maxMissing: must leave at least one item to score');
  }
  const range = computedRange(def);
  if (range.min !== def.range.min || range.max !== def.range.max) {
    problems.push(`range: the items and scoring give ${range.min}-${range.max}`);
  }
  if (def.cutoff && (def.cutoff.value < range.min || def.cutoff.value > range.max)) {
    problems.push('cutoff: must be inside the range');
  }
  if (def.reliableChange !== null && (def.reliableChange <= 0 || def.reliableChange > range.max - range.min)) {
    problems.push('reliableChange: must be above 0 and no more than the range');
  }
  return problems;
}

/** Why answers do not fit their instrument: unknown items, values off the scale or not whole, text too long. */
export function answerProblems(def: InstrumentDefinition, answers: MeasureAnswers): string[] {
  const problems: string[] = [];
  const items = new Map(def.items.map((i) => [i.id, i]));
  for (const [key, value] of Object.entries(answers)) {
    const item = items.get(key);
    if (!item) {
      problems.push(`answers: no item ${key.slice(0, INSTRUMENT_LIMITS.idChars)}`);
      continue;
    }
    if (isScaleItem(item)) {
      const scale = def.scales[item.scale];
      if (typeof value !== 'number' || !Number.isInteger(value) || !scale || value < scale.min || value > scale.max) {
        problems.push(`answers.${key}: a whole number on the item's scale`);
      }
    } else if (typeof value !== 'string' || value.length > item.maxLength) {
      problems.push(`answers.${key}: text of at most ${item.maxLength} characters`);
    }
  }
  return problems;
}

/** The label shown for a scale value: its anchor if it has one. */
export function anchorLabel(scale: ResponseScale, value: number, lang: Language): string | null {
  return scale.anchors.find((a) => a.value === value)?.label[lang] ?? null;
}

// --- Ratings written for Tandem (free to ship, DOMAIN.md §6) -------------------------------------------------

const zeroToTen = (low: LocalizedText, high: LocalizedText): ResponseScale => ({
  min: 0,
  max: 10,
  anchors: [
    { value: 0, label: low },
    { value: 10, label: high },
  ],
});

const SOURCE =
  'Written for Tandem; free to use, copy and translate. Not a standardised instrument: no norms, cutoff or reliable-change value.';

export const CHECK_IN_ID = 'tandem.check-in';
export const CHECK_OUT_ID = 'tandem.check-out';
export const WEEKLY_RATINGS_ID = 'tandem.weekly-ratings';

export const BUILTIN_INSTRUMENTS: readonly InstrumentDefinition[] = [
  {
    id: CHECK_IN_ID,
    version: 1,
    name: { en: 'Check-in', es: 'Cómo llegas' },
    instructions: {
      en: 'Only you and your therapist see your answers.',
      es: 'Solo tú y tu terapeuta ven tus respuestas.',
    },
    respondent: 'partner',
    occasions: ['check-in'],
    scales: {
      wellbeing: zeroToTen({ en: 'Very bad', es: 'Muy mal' }, { en: 'Very well', es: 'Muy bien' }),
    },
    items: [
      {
        id: 'how',
        kind: 'scale',
        text: { en: 'How are you today?', es: '¿Cómo estás hoy?' },
        scale: 'wellbeing',
      },
      {
        id: 'since',
        kind: 'text',
        text: {
          en: 'One line on what happened since last time',
          es: 'Una línea sobre lo que pasó desde la última vez',
        },
        maxLength: 280,
      },
    ],
    scoring: { method: 'sum', maxMissing: 0 },
    range: { min: 0, max: 10 },
    cutoff: null,
    reliableChange: null,
    source: SOURCE,
  },
  {
    id: CHECK_OUT_ID,
    version: 1,
    name: { en: 'Check-out', es: 'Cierre de la sesión' },
    instructions: {
      en: 'How was this session for you? Only you and your therapist see your answers.',
      es: '¿Cómo fue esta sesión para ti? Solo tú y tu terapeuta ven tus respuestas.',
    },
    respondent: 'partner',
    occasions: ['check-out'],
    scales: {
      agreement: zeroToTen({ en: 'Not at all', es: 'Nada' }, { en: 'Completely', es: 'Totalmente' }),
    },
    items: [
      {
        id: 'heard',
        kind: 'scale',
        text: { en: 'I felt heard and understood', es: 'Sentí que me escuchaban y me comprendían' },
        scale: 'agreement',
      },
      {
        id: 'mattered',
        kind: 'scale',
        text: { en: 'We worked on what mattered to me', es: 'Trabajamos en lo que me importaba' },
        scale: 'agreement',
      },
      {
        id: 'approach',
        kind: 'scale',
        text: { en: 'The approach fit me', es: 'La forma de trabajar me encajó' },
        scale: 'agreement',
      },
      {
        id: 'overall',
        kind: 'scale',
        text: { en: 'Overall, the session was right for me', es: 'En general, la sesión fue adecuada para mí' },
        scale: 'agreement',
      },
    ],
    scoring: { method: 'sum', maxMissing: 1 },
    range: { min: 0, max: 40 },
    cutoff: null,
    reliableChange: null,
    source: SOURCE,
  },
  {
    id: WEEKLY_RATINGS_ID,
    version: 1,
    name: { en: 'Weekly relationship ratings', es: 'Valoración semanal de la relación' },
    instructions: {
      en: 'Thinking of the past week. Only you and your therapist see your answers.',
      es: 'Pensando en la última semana. Solo tú y tu terapeuta ven tus respuestas.',
    },
    respondent: 'partner',
    occasions: ['weekly'],
    scales: {
      amount: zeroToTen({ en: 'None', es: 'Nada' }, { en: 'Very much', es: 'Muchísimo' }),
    },
    items: [
      {
        id: 'connection',
        kind: 'scale',
        text: { en: 'Connection with my partner', es: 'Conexión con mi pareja' },
        scale: 'amount',
      },
      { id: 'trust', kind: 'scale', text: { en: 'Trust', es: 'Confianza' }, scale: 'amount' },
      { id: 'closeness', kind: 'scale', text: { en: 'Closeness', es: 'Cercanía' }, scale: 'amount' },
    ],
    scoring: { method: 'sum', maxMissing: 0 },
    range: { min: 0, max: 30 },
    cutoff: null,
    reliableChange: null,
    source: SOURCE,
  },
];

/** A built-in instrument by id and version (the latest when no version is given). */
export function builtinInstrument(id: string, version?: number): InstrumentDefinition | undefined {
  const all = BUILTIN_INSTRUMENTS.filter((d) => d.id === id && (version === undefined || d.version === version));
  return all.sort((a, b) => b.version - a.version)[0];
}

/** Which built-in instrument each in-session occasion uses. */
export const SESSION_INSTRUMENT: Record<SessionOccasion, string> = {
  'check-in': CHECK_IN_ID,
  'check-out': CHECK_OUT_ID,
};

/** The check-out opens by itself this long before the session's planned end. */
export const CHECK_OUT_LEAD_MS = 10 * 60_000;
