import { describe, expect, it } from 'vitest';
import {
  BUILTIN_INSTRUMENTS,
  CHECK_IN_ID,
  CHECK_OUT_ID,
  answerProblems,
  builtinInstrument,
  definitionProblems,
  scoreAnswers,
  type InstrumentDefinition,
} from './index.js';
import { importInstrumentBodySchema, instrumentDefinitionSchema } from './schemas.js';

const checkIn = builtinInstrument(CHECK_IN_ID)!;
const checkOut = builtinInstrument(CHECK_OUT_ID)!;

/** A made-up licensed-style instrument: four items on 1-5, items 2 and 4 reversed, up to two missing. */
function made(overrides: Partial<InstrumentDefinition> = {}): InstrumentDefinition {
  const item = (id: string, reversed: boolean) => ({
    id,
    kind: 'scale' as const,
    text: { en: `Item ${id}`, es: `Ítem ${id}` },
    scale: 'agree',
    ...(reversed ? { reversed: true } : {}),
  });
  return {
    id: 'practice.made-up',
    version: 1,
    name: { en: 'Made-up scale', es: 'Escala inventada' },
    instructions: { en: 'Answer each.', es: 'Responde cada una.' },
    respondent: 'partner',
    occasions: ['intake', 'weekly'],
    scales: {
      agree: {
        min: 1,
        max: 5,
        anchors: [
          { value: 1, label: { en: 'Disagree', es: 'En desacuerdo' } },
          { value: 5, label: { en: 'Agree', es: 'De acuerdo' } },
        ],
      },
    },
    items: [item('q1', false), item('q2', true), item('q3', false), item('q4', true)],
    scoring: { method: 'sum', maxMissing: 2 },
    range: { min: 4, max: 20 },
    cutoff: { value: 12, clinical: 'below' },
    reliableChange: 3.5,
    source: 'Test data, no licence needed.',
    ...overrides,
  };
}

describe('scoring, against hand-computed examples', () => {
  it('sums the check-out when all four are answered: 8 + 7 + 9 + 6 = 30', () => {
    expect(scoreAnswers(checkOut, { heard: 8, mattered: 7, approach: 9, overall: 6 })).toMatchObject({
      score: 30,
      answered: 4,
      missing: 0,
    });
  });

  it('prorates one missing check-out item: (8 + 7 + 6) / 3 * 4 = 28', () => {
    expect(scoreAnswers(checkOut, { heard: 8, mattered: 7, overall: 6 })).toMatchObject({ score: 28, missing: 1 });
  });

  it('gives no check-out score with two missing (more than the one allowed)', () => {
    const r = scoreAnswers(checkOut, { heard: 8, overall: 6 });
    expect(r.score).toBeNull();
    expect(r.itemScores).toEqual({ heard: 8, mattered: null, approach: null, overall: 6 });
  });

  it('scores the check-in from its rating only; the line is kept but never scored', () => {
    expect(scoreAnswers(checkIn, { how: 6, since: 'A calm week' })).toMatchObject({ score: 6, answered: 1 });
    expect(scoreAnswers(checkIn, { since: 'Only words' }).score).toBeNull();
  });

  it('reverses items 2 and 4 on a 1-5 scale: 5, 1→5, 4, 2→4 sum to 18', () => {
    const r = scoreAnswers(made(), { q1: 5, q2: 1, q3: 4, q4: 2 });
    expect(r.itemScores).toEqual({ q1: 5, q2: 5, q3: 4, q4: 4 });
    expect(r.score).toBe(18);
  });

  it('means the same answers to 4.5 when the scoring is a mean', () => {
    const def = made({ scoring: { method: 'mean', maxMissing: 2 }, range: { min: 1, max: 5 }, cutoff: null });
    expect(scoreAnswers(def, { q1: 5, q2: 1, q3: 4, q4: 2 }).score).toBe(4.5);
  });

  it('prorates reversed items with one missing: 5, 2→4, 4 → 13 / 3 * 4 = 17.33', () => {
    expect(scoreAnswers(made(), { q1: 5, q2: 2, q3: 4 })).toMatchObject({ score: 17.33, missing: 1 });
  });

  it('prorates with two missing (the most allowed): 3, 1→5 → 8 / 2 * 4 = 16; three missing gives none', () => {
    expect(scoreAnswers(made(), { q1: 3, q4: 1 }).score).toBe(16);
    expect(scoreAnswers(made(), { q1: 3 }).score).toBeNull();
    expect(scoreAnswers(made(), {}).score).toBeNull();
  });
});

describe('instrument definitions', () => {
  it('ships built-ins that pass the same checks as an import, in English and Spanish', () => {
    expect(BUILTIN_INSTRUMENTS.map((d) => d.id)).toEqual([
      'tandem.check-in',
      'tandem.check-out',
      'tandem.weekly-ratings',
    ]);
    for (const def of BUILTIN_INSTRUMENTS) {
      expect(instrumentDefinitionSchema.safeParse(def).error?.issues).toBeUndefined();
      for (const item of def.items) expect(item.text.es).not.toBe(item.text.en);
    }
    const weekly = builtinInstrument('tandem.weekly-ratings')!;
    expect(weekly.items.map((i) => i.id)).toEqual(['connection', 'trust', 'closeness']);
    expect(weekly.range).toEqual({ min: 0, max: 30 });
  });

  it('accepts a sound imported definition', () => {
    expect(importInstrumentBodySchema.safeParse(made()).success).toBe(true);
    expect(definitionProblems(made())).toEqual([]);
  });

  it('refuses a range that is not what the items give, and a cutoff outside it', () => {
    expect(definitionProblems(made({ range: { min: 0, max: 20 } }))).toEqual([
      'range: the items and scoring give 4-20',
    ]);
    expect(definitionProblems(made({ cutoff: { value: 25, clinical: 'below' } }))).toEqual([
      'cutoff: must be inside the range',
    ]);
    expect(definitionProblems(made({ reliableChange: 30 }))).toEqual([
      'reliableChange: must be above 0 and no more than the range',
    ]);
  });

  it('refuses anchors off the scale, unknown scales, repeated ids and a missing rule that leaves nothing', () => {
    const def = made();
    def.scales['agree']!.anchors.push({ value: 9, label: { en: 'x', es: 'x' } });
    def.items.push({ id: 'q1', kind: 'scale', text: { en: 'again', es: 'otra' }, scale: 'nope' });
    def.scoring.maxMissing = 5;
    expect(definitionProblems(def)).toEqual([
      'scales.agree: anchor 9 is off the scale',
      'items: id q1 twice',
      'items.q1: no scale nope',
      'scoring.maxMissing: must leave at least one item to score',
    ]);
  });

  it('refuses a definition missing its Spanish, unknown fields, and Tandem’s own ids on import', () => {
    const noSpanish = { ...made(), name: { en: 'Only English' } };
    expect(instrumentDefinitionSchema.safeParse(noSpanish).success).toBe(false);
    expect(instrumentDefinitionSchema.safeParse({ ...made(), extra: 1 }).success).toBe(false);
    const own = importInstrumentBodySchema.safeParse({ ...checkIn });
    expect(own.success).toBe(false);
    expect(own.error?.issues.map((i) => i.path.join('.'))).toContain('id');
  });
});

describe('answers against their instrument', () => {
  it('accepts answers on the scale and a short line', () => {
    expect(answerProblems(checkIn, { how: 0, since: 'ok' })).toEqual([]);
    expect(answerProblems(checkOut, { heard: 10 })).toEqual([]);
  });

  it('refuses unknown items, values off the scale or not whole, and text too long or in a scale item', () => {
    expect(answerProblems(checkIn, { how: 11 })).toEqual(["answers.how: a whole number on the item's scale"]);
    expect(answerProblems(checkIn, { how: 2.5 })).toHaveLength(1);
    expect(answerProblems(checkIn, { how: '7' })).toHaveLength(1);
    expect(answerProblems(checkIn, { since: 'x'.repeat(281) })).toEqual([
      'answers.since: text of at most 280 characters',
    ]);
    expect(answerProblems(checkIn, { mood: 3 })).toEqual(['answers: no item mood']);
    expect(answerProblems(made(), { q1: 0 })).toHaveLength(1);
  });
});
