import { describe, expect, it } from 'vitest';
import { definitionProblems, scoreAnswers } from './instruments.js';
import { instrumentDefinitionSchema } from './instruments.schemas.js';
import { COUNTRY_CODES, emergencyNumberFor } from './screening.js';
import { intakeBodySchema, locationBodySchema } from './screening.schemas.js';
import { SAFETY_SCREENING, screeningRisk } from './screeningInstrument.js';

const calm = {
  'unsafe-home': 0,
  afraid: 1,
  hurt: 0,
  threats: 0,
  control: 1,
  monitoring: 0,
  pressure: 0,
  'held-back': 1,
  'joint-safe': 2,
};

describe('the safety screening', () => {
  it('is a valid instrument definition in both languages', () => {
    expect(instrumentDefinitionSchema.safeParse(SAFETY_SCREENING).success).toBe(true);
    expect(definitionProblems(SAFETY_SCREENING)).toEqual([]);
    expect(scoreAnswers(SAFETY_SCREENING, calm).score).toBe(3);
  });

  it('flags any item at its threshold, and joint sessions not felt safe', () => {
    expect(screeningRisk(calm)).toEqual([]);
    expect(screeningRisk({ ...calm, hurt: 1 })).toEqual(['hurt']);
    expect(screeningRisk({ ...calm, afraid: 2, control: 4 })).toEqual(['afraid', 'control']);
    expect(screeningRisk({ ...calm, 'joint-safe': 1 })).toEqual(['joint-safe']);
    expect(screeningRisk({ ...calm, 'joint-safe': 0 })).toEqual(['joint-safe']);
  });
});

describe('emergency numbers', () => {
  it('knows the local number, several where a country has them, and falls back to 112', () => {
    expect(emergencyNumberFor('US').number).toBe('911');
    expect(emergencyNumberFor('MX').number).toBe('911');
    expect(emergencyNumberFor('ES').number).toBe('112');
    expect(emergencyNumberFor('GB').number).toBe('999');
    expect(emergencyNumberFor('CO').number).toBe('123');
    const cl = emergencyNumberFor('CL');
    expect([cl.number, ...cl.others.map((o) => o.number)]).toEqual(['131', '133', '132']);
    expect(emergencyNumberFor('other')).toMatchObject({ number: '112', fallback: true });
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
  });
});

describe('intake and location bodies', () => {
  const intake = {
    contactName: 'Robin',
    contactPhone: '+34 600 000 000',
    contactRelation: 'sister',
    address: 'Calle Mayor 1, Madrid',
    country: 'ES',
    consent: true,
    consentVersion: 1,
  };
  it('refuses an intake without consent, a country off the list, or a phone of letters', () => {
    expect(intakeBodySchema.safeParse(intake).success).toBe(true);
    expect(intakeBodySchema.safeParse({ ...intake, consent: false }).success).toBe(false);
    expect(intakeBodySchema.safeParse({ ...intake, country: 'XX' }).success).toBe(false);
    expect(intakeBodySchema.safeParse({ ...intake, contactPhone: 'call me' }).success).toBe(false);
    expect(intakeBodySchema.safeParse({ ...intake, address: 'x'.repeat(501) }).success).toBe(false);
  });
  it('wants an address and country only for another place', () => {
    expect(locationBodySchema.safeParse({ usual: true, address: null, country: null, private: true }).success).toBe(
      true,
    );
    expect(locationBodySchema.safeParse({ usual: false, address: null, country: null, private: true }).success).toBe(
      false,
    );
    expect(
      locationBodySchema.safeParse({ usual: false, address: 'Hotel', country: 'MX', private: false }).success,
    ).toBe(true);
  });
});
