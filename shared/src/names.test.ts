import { describe, expect, it } from 'vitest';
import {
  createCoupleBodySchema,
  createSessionBodySchema,
  describeZodError,
  scriptContentSchema,
  setupBodySchema,
  UNSAFE_NAME_MESSAGE,
} from './schemas.js';

const couple = (name: string, partner = 'Alex') => ({
  name,
  policy: 'no-secrets',
  partners: [
    { displayName: partner, language: 'en' },
    { displayName: 'Sam', language: 'es' },
  ],
});
const coupleId = '00000000-0000-4000-8000-000000000000';
const script = (name: string, role = 'Speaker', step = 'Share') => ({
  name,
  purpose: '',
  roles: [
    { id: 'speaker', name: role },
    { id: 'listener', name: 'Listener' },
  ],
  steps: [
    {
      title: step,
      turn: 'speaker',
      prompts: { speaker: 'Say one thing.', listener: 'Listen.' },
      stems: [],
      seconds: 60,
    },
  ],
});

/** Each unsafe character, inside an otherwise ordinary name. */
const UNSAFE = {
  'a NUL': '\u0000',
  'a line feed': '\n',
  'an escape': '\u001b',
  'a DEL': '\u007f',
  'a C1 control': '\u0085',
  'a left-to-right mark': '\u200e',
  'a right-to-left mark': '\u200f',
  'a right-to-left embedding': '\u202b',
  'a right-to-left override': '\u202e',
  'a left-to-right isolate': '\u2066',
  'a pop directional isolate': '\u2069',
  'an Arabic letter mark': '\u061c',
};

describe('names and titles', () => {
  it.each(Object.entries(UNSAFE))('refuses %s inside couple, partner, therapist, session and script names', (_, ch) => {
    const bad = `Al${ch}ex`;
    const results = [
      createCoupleBodySchema.safeParse(couple(bad)),
      createCoupleBodySchema.safeParse(couple('Alex & Sam', bad)),
      setupBodySchema.safeParse({ name: bad, email: 'a@example.org', password: 'correct horse battery' }),
      createSessionBodySchema.safeParse({ coupleId, kind: 'joint', title: bad }),
      scriptContentSchema.safeParse(script(bad)),
      scriptContentSchema.safeParse(script('Check-in', bad)),
      scriptContentSchema.safeParse(script('Check-in', 'Speaker', bad)),
    ];
    for (const r of results) {
      expect(r.success).toBe(false);
      if (!r.success) expect(describeZodError(r.error)).toContain(UNSAFE_NAME_MESSAGE);
    }
  });

  it('accepts real names in any script: accents, CJK, Arabic, Hebrew, Devanagari, emoji with joiners', () => {
    for (const name of [
      'Zoë Núñez-Ibáñez',
      '李小龍',
      'محمد عبد الله',
      'שרה לוי',
      'अर्जुन',
      'نیلوفر\u200cزاده',
      'Sam 👩\u200d👩\u200d👧',
    ]) {
      const parsed = createCoupleBodySchema.safeParse(couple(name, name));
      expect(parsed.success, name).toBe(true);
      expect(scriptContentSchema.safeParse(script(name, `${name} 1`, name)).success, name).toBe(true);
    }
  });

  it('trims and NFC-normalises names', () => {
    const decomposed = 'Zoe\u0308 & Jose\u0301'; // e + combining diaeresis, e + combining acute
    const parsed = createCoupleBodySchema.parse(couple(`  ${decomposed}\t`, ' Ame\u0301lie '));
    expect(parsed.name).toBe('Zoë & José');
    expect(parsed.name).toBe(parsed.name.normalize('NFC'));
    expect(parsed.partners[0].displayName).toBe('Amélie');
    expect(createSessionBodySchema.parse({ coupleId, kind: 'joint', title: '  ' }).title).toBe('');
    expect(createCoupleBodySchema.safeParse(couple('   ')).success).toBe(false);
  });
});
