/** Words for answers in the reader's language: a response as one line, a value with its anchor. */
import type { TFunction } from 'i18next';
import {
  isScaleItem,
  type InstrumentDefinition,
  type Language,
  type LocalizedText,
  type MeasureResponseDto,
} from '@tandem/shared';

export function lang(language: string): Language {
  return language.startsWith('es') ? 'es' : 'en';
}

export function localized(text: LocalizedText, language: string): string {
  return text[lang(language)];
}

export function instrumentOf(
  instruments: InstrumentDefinition[],
  id: string,
  version: number,
): InstrumentDefinition | undefined {
  return instruments.find((d) => d.id === id && d.version === version);
}

/** "7/10 · “A calmer week”" or "30/40 (heard 8, …)": the score and each answer, for a note or a summary. */
export function responseLine(def: InstrumentDefinition, r: MeasureResponseDto, t: TFunction, language: string): string {
  const scale = def.items.filter(isScaleItem);
  const parts: string[] = [];
  const score = r.score === null ? t('measures.noScore') : t('measures.score', { score: r.score, max: def.range.max });
  if (scale.length > 1) {
    const each = scale
      .map((i) => {
        const v = r.answers[i.id];
        return `${localized(i.text, language)}: ${typeof v === 'number' ? v : '—'}`;
      })
      .join('; ');
    parts.push(`${score} (${each})`);
  } else {
    parts.push(score);
  }
  for (const item of def.items) {
    if (isScaleItem(item)) continue;
    const v = r.answers[item.id];
    if (typeof v === 'string' && v) parts.push(t('measures.quoted', { text: v }));
  }
  return `${localized(def.name, language)}: ${parts.join(' · ')}`;
}
