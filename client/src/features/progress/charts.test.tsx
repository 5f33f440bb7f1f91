import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { OwnSeriesChart, SeriesChart, type ChartLine } from '@tandem/shared/charts';

const day = (n: number) => Date.UTC(2026, 0, 5) + n * 86_400_000;
const alex: ChartLine = {
  id: 'a',
  label: 'Alex',
  look: 'a',
  points: [
    { at: day(0), value: 5 },
    { at: day(7), value: 8 },
  ],
};
const sam: ChartLine = { id: 'b', label: 'Sam', look: 'b', points: [{ at: day(0), value: 3 }] };
const base = {
  id: 'c1',
  title: 'Check-in',
  desc: 'Two partners',
  width: 400,
  height: 220,
  yDomain: [0, 10] as [number, number],
  formatDate: (ms: number) => new Date(ms).toISOString().slice(0, 10),
  formatValue: (v: number) => String(v),
};

describe('the progress chart', () => {
  it('has a title and description, focusable labelled points, a target and flags', () => {
    const html = renderToStaticMarkup(
      <SeriesChart
        {...base}
        lines={[alex, sam]}
        targets={[{ value: 7, label: 'Target 7' }]}
        flags={[{ at: day(7), value: 8, lineId: 'a', label: 'reliably worse' }]}
        interactive
      />,
    );
    expect(html).toContain('<title id="c1-title">Check-in</title>');
    expect(html).toContain('aria-labelledby="c1-title"');
    expect(html).toContain('<desc id="c1-desc">Two partners</desc>');
    expect(html).toContain('aria-label="Alex, 2026-01-12, 8, reliably worse"');
    expect(html).toContain('aria-label="Sam, 2026-01-05, 3"');
    expect(html.match(/tabindex="0"/g)).toHaveLength(3);
    expect(html).toContain('Target 7');
    expect(html).toContain('data-flag="a"');
  });

  it('draws one partner’s own series with nothing of the other’s, and no focus stops in print', () => {
    const html = renderToStaticMarkup(
      <OwnSeriesChart {...base} line={sam} flags={[{ at: day(7), value: 8, lineId: 'a', label: 'reliably worse' }]} />,
    );
    expect(html).toContain('data-line="b"');
    expect(html).not.toContain('data-line="a"');
    expect(html).not.toContain('Alex');
    expect(html).not.toContain('reliably worse');
    expect(html).not.toContain('tabindex');
  });
});
