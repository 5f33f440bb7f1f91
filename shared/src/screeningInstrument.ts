/**
 * The private safety screening (issue 15), written for Tandem in the instruments format: questions about safety at
 * home, fear of the partner, coercive control, and whether joint sessions feel safe, in English and Spanish. It is
 * not a standardised instrument (no norms); its risk rule (`SCREENING_RISK_RULE`) errs on the side of flagging.
 */
import type { InstrumentDefinition, LocalizedText, MeasureAnswers, ResponseScale } from './instruments.js';
import { SAFETY_SCREENING_ID, type ScreeningRiskRule } from './screening.js';

const often: ResponseScale = {
  min: 0,
  max: 4,
  anchors: [
    { value: 0, label: { en: 'Never', es: 'Nunca' } },
    { value: 1, label: { en: 'Once or twice', es: 'Una o dos veces' } },
    { value: 2, label: { en: 'Sometimes', es: 'A veces' } },
    { value: 3, label: { en: 'Often', es: 'A menudo' } },
    { value: 4, label: { en: 'Very often', es: 'Muy a menudo' } },
  ],
};

const joint: ResponseScale = {
  min: 0,
  max: 2,
  anchors: [
    { value: 0, label: { en: 'No', es: 'No' } },
    { value: 1, label: { en: 'I’m not sure', es: 'No lo tengo claro' } },
    { value: 2, label: { en: 'Yes', es: 'Sí' } },
  ],
};

const item = (id: string, en: string, es: string) => ({ id, kind: 'scale' as const, text: { en, es }, scale: 'often' });

export const SAFETY_SCREENING: InstrumentDefinition = {
  id: SAFETY_SCREENING_ID,
  version: 1,
  name: { en: 'Safety at home', es: 'Seguridad en casa' },
  instructions: {
    en:
      'Please answer alone, somewhere your partner cannot see your screen. Only your therapist will read your ' +
      'answers; your partner is never told that you received or answered these questions. Think of the last three months.',
    es:
      'Responde a solas, donde tu pareja no pueda ver tu pantalla. Solo tu terapeuta leerá tus respuestas; a tu ' +
      'pareja nunca se le dice que recibiste o respondiste estas preguntas. Piensa en los últimos tres meses.',
  } satisfies LocalizedText,
  respondent: 'partner',
  occasions: ['intake'],
  scales: { often, joint },
  items: [
    item(
      'unsafe-home',
      'How often have you felt unsafe at home?',
      '¿Con qué frecuencia te has sentido en peligro en casa?',
    ),
    item(
      'afraid',
      'How often have you felt afraid of your partner?',
      '¿Con qué frecuencia has sentido miedo de tu pareja?',
    ),
    item(
      'hurt',
      'How often has your partner pushed, grabbed, hit, choked or otherwise physically hurt you?',
      '¿Con qué frecuencia tu pareja te ha empujado, agarrado, golpeado, ahorcado o lastimado físicamente de otra forma?',
    ),
    item(
      'threats',
      'How often has your partner threatened to hurt you, your children, your pets or themself?',
      '¿Con qué frecuencia tu pareja ha amenazado con hacerte daño a ti, a tus hijos o hijas, a tus mascotas o a sí misma?',
    ),
    item(
      'control',
      'How often has your partner kept you from money, your phone, work, friends or family?',
      '¿Con qué frecuencia tu pareja te ha impedido acceder al dinero, a tu teléfono, al trabajo, a amistades o a tu familia?',
    ),
    item(
      'monitoring',
      'How often has your partner checked your messages, location or movements against your wishes?',
      '¿Con qué frecuencia tu pareja ha revisado tus mensajes, tu ubicación o tus movimientos en contra de tu voluntad?',
    ),
    item(
      'pressure',
      'How often have you been pressured or forced into sexual activity you did not want?',
      '¿Con qué frecuencia te han presionado u obligado a tener actividad sexual que no querías?',
    ),
    item(
      'held-back',
      'How often have you held back from saying something to the therapist because of what might happen at home afterwards?',
      '¿Con qué frecuencia has callado algo ante tu terapeuta por lo que podría pasar después en casa?',
    ),
    {
      id: 'joint-safe',
      kind: 'scale',
      text: {
        en: 'Right now, do sessions together with your partner feel safe for you?',
        es: 'En este momento, ¿te resultan seguras las sesiones junto con tu pareja?',
      },
      scale: 'joint',
      // Scored as risk: "no" counts most.
      reversed: true,
    },
    {
      id: 'anything-else',
      kind: 'text',
      text: {
        en: 'Anything else you would like your therapist to know (optional)',
        es: 'Algo más que quieras que sepa tu terapeuta (opcional)',
      },
      maxLength: 500,
    },
  ],
  scoring: { method: 'sum', maxMissing: 0 },
  range: { min: 0, max: 34 },
  cutoff: null,
  reliableChange: null,
  source:
    'Written for Tandem; free to use, copy and translate. Not a standardised instrument: a conversation starter for ' +
    'the therapist, with a cautious risk rule; no norms or cutoff.',
};

/** Any physical harm, threat or sexual pressure at all; fear, control or silence at "sometimes"; joint not safe. */
export const SCREENING_RISK_RULE: ScreeningRiskRule = {
  thresholds: {
    'unsafe-home': 2,
    afraid: 2,
    hurt: 1,
    threats: 1,
    control: 2,
    monitoring: 2,
    pressure: 1,
    'held-back': 2,
  },
  jointItem: 'joint-safe',
  jointUnsafeAtMost: 1,
};

/** The items of an answered screening that indicate risk (empty: no flag). Answers are raw (before reversal). */
export function screeningRisk(answers: MeasureAnswers, rule: ScreeningRiskRule = SCREENING_RISK_RULE): string[] {
  const risky: string[] = [];
  for (const [id, threshold] of Object.entries(rule.thresholds)) {
    const v = answers[id];
    if (typeof v === 'number' && v >= threshold) risky.push(id);
  }
  const j = answers[rule.jointItem];
  if (typeof j === 'number' && j <= rule.jointUnsafeAtMost) risky.push(rule.jointItem);
  return risky;
}
