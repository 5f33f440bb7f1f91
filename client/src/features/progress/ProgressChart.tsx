import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SeriesChart, type SeriesChartProps } from '@tandem/shared/charts';

const MAX_WIDTH = 760;

/**
 * A progress chart sized to its column (the same component the PDF draws), its points focusable, and the same
 * data as a table under a disclosure.
 */
export function ProgressChart({ chart }: { chart: Omit<SeriesChartProps, 'width' | 'height' | 'interactive'> }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.min(MAX_WIDTH, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const rows = chart.lines
    .flatMap((line) =>
      line.points.map((p) => ({
        key: `${line.id}-${p.at}-${p.value}`,
        at: p.at,
        who: line.label,
        value: p.value,
        flags: (chart.flags ?? [])
          .filter((f) => f.lineId === line.id && f.at === p.at && f.value === p.value)
          .map((f) => f.label),
      })),
    )
    .concat(
      (chart.flags ?? [])
        .filter((f) => f.lineId === null)
        .map((f) => ({
          key: `gap-${f.at}`,
          at: f.at,
          who: chart.lines.map((l) => l.label).join(' – '),
          value: Number.NaN,
          flags: [f.label],
        })),
    )
    .sort((a, b) => a.at - b.at);
  return (
    <figure className="progress-chart" data-chart={chart.id}>
      <div ref={box} className="progress-chart-box">
        {width > 0 ? <SeriesChart {...chart} width={width} height={width < 480 ? 200 : 240} interactive /> : null}
      </div>
      <details className="progress-table">
        <summary>{t('progress.table.show')}</summary>
        <table>
          <caption className="visually-hidden">{chart.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress.table.date')}</th>
              <th scope="col">{t('progress.table.who')}</th>
              <th scope="col">{t('progress.table.value')}</th>
              <th scope="col">{t('progress.table.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{chart.formatDate(r.at)}</td>
                <td>{r.who}</td>
                <td>{Number.isNaN(r.value) ? '' : chart.formatValue(r.value)}</td>
                <td>{r.flags.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
