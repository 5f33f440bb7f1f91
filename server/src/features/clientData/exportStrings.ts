/** The words of a partner's data export (README and PDF), in the partner's language. */
import type { Language } from '@tandem/shared';

const STRINGS = {
  en: {
    title: 'Tandem: the data held about {name}',
    intro:
      'This archive holds everything Tandem holds about {name}, exported on {date} by their practice. Each file in data/ is JSON (UTF-8); tandem-data.pdf has the same content to read. Nothing of the other partner’s private data is included; the couple’s shared map is.',
    files: 'Files',
    leftOut:
      'Not included: the clinician’s own notes and records (progress notes, screening scores and flags, safety protocol steps).',
    foot: 'Confidential',
    page: 'Page {n} of {total}',
    empty: '(none)',
  },
  es: {
    title: 'Tandem: los datos de {name}',
    intro:
      'Este archivo contiene todo lo que Tandem guarda sobre {name}, exportado el {date} por su consulta. Cada archivo de data/ es JSON (UTF-8); tandem-data.pdf tiene el mismo contenido para leerlo. No incluye nada de los datos privados de la otra persona de la pareja; sí incluye el mapa compartido de la pareja.',
    files: 'Archivos',
    leftOut:
      'No se incluyen las notas y registros propios de la persona terapeuta (notas de evolución, puntuaciones y alertas de cribado, pasos del protocolo de seguridad).',
    foot: 'Confidencial',
    page: 'Página {n} de {total}',
    empty: '(nada)',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type ExportStrings = (typeof STRINGS)[Language];

export const exportStrings = (lang: Language): ExportStrings => STRINGS[lang];

export const fillIn = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);

export function exportReadme(
  lang: Language,
  name: string,
  date: string,
  files: readonly { path: string; holds: string }[],
): string {
  const w = STRINGS[lang];
  return [
    fillIn(w.title, { name }),
    '',
    fillIn(w.intro, { name, date }),
    '',
    `${w.files}:`,
    ...files.map((f) => `- ${f.path}: ${f.holds}`),
    '- manifest.json',
    '',
    w.leftOut,
    '',
  ].join('\n');
}
