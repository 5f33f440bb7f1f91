import { useMemo, useState } from 'react';
import { DAY_MS, DEFAULT_PROGRESS_DAYS } from '@tandem/shared';
import { useTranslation } from 'react-i18next';
import type { ChartFormat, ChartWords } from '@tandem/shared/charts';

/** The charts' words and formats in the reader's language (dates are UTC days, as the weeks are). */
export function useChartText(names: { a: string; b: string }): { words: ChartWords; fmt: ChartFormat } {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const fmt: ChartFormat = { date: (ms) => day.format(new Date(ms)), value: (v) => num.format(v) };
    const words: ChartWords = {
      names,
      couple: t('progress.chart.couple'),
      clinicalRange: t('progress.chart.clinicalRange'),
      target: (value) => t('progress.chart.target', { value }),
      worse: t('progress.chart.worse'),
      gap: (gap) => t('progress.chart.gap', { gap }),
      lineSummary: (l) =>
        l.latest === null
          ? t('progress.chart.lineEmpty', { label: l.label })
          : t('progress.chart.lineSummary', { label: l.label, count: l.count, value: l.latest, date: l.date }),
    };
    return { words, fmt };
  }, [t, lang, names]);
}

/** A long date for a YYYY-MM-DD or ISO string. */
export function longDate(value: string, lang: string): string {
  const ms = Date.parse(value.length === 10 ? `${value}T12:00:00Z` : value);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(ms));
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The default period (DEFAULT_PROGRESS_DAYS up to today, UTC days), fixed when the page opens. */
export function useDefaultPeriod(): { from: string; to: string } {
  const [period] = useState(() => {
    const to = isoDay(Date.now());
    return { from: isoDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PROGRESS_DAYS - 1) * DAY_MS), to };
  });
  return period;
}
