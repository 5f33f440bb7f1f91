import { describe, expect, it } from 'vitest';
import { MAP_TEMPLATE_IDS, buildTemplate, translateTemplateLabel } from './map.js';

const names = { a: 'Alex', b: 'Sam' };

describe('template cards in the reader’s language', () => {
  it('shows every card of an English template in Spanish, and back', () => {
    for (const id of MAP_TEMPLATE_IDS) {
      const en = buildTemplate(id, names, 'en').nodes;
      const es = buildTemplate(id, names, 'es').nodes;
      en.forEach((n, i) => {
        expect(translateTemplateLabel(n.label, names, 'es')).toBe(es[i]?.label);
        expect(translateTemplateLabel(es[i]?.label ?? '', names, 'en')).toBe(n.label);
      });
    }
  });

  it('leaves words someone wrote or changed as they are', () => {
    expect(translateTemplateLabel('Alex criticises, follows from room to room', names, 'es')).toBe(
      'Alex criticises, follows from room to room',
    );
    expect(translateTemplateLabel('', names, 'es')).toBe('');
  });

  it('words the Spanish templates without gendered endings', () => {
    for (const id of MAP_TEMPLATE_IDS) {
      for (const n of buildTemplate(id, names, 'es').nodes) expect(n.label).not.toMatch(/\w[oa]\/[ao]\b/);
    }
  });
});
