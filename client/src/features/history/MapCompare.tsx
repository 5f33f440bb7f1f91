import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CoupleHistoryDto, HistoryMapDto, MapCompareDto } from '@tandem/shared';
import { SelectField } from '../../components/fields';
import { ErrorNotice, Loading } from '../../components/feedback';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { downloadMap, type ExportFormat } from '../map/exportMap';
import { MapChangesList } from '../record/MapChangesList';
import { PdfDownloadButton } from '../record/PdfDownloadButton';
import { historyMapSvg, historyTitle, marksOf } from './historyText';

/** One side: the picture (changed cards pointed out), its alt text, and its export as SVG or PNG. */
function SideMap({
  side,
  map,
  compare,
  history,
}: {
  side: 'from' | 'to';
  map: HistoryMapDto;
  compare: MapCompareDto;
  history: CoupleHistoryDto;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = historyTitle(map, t, lang);
  const svg = historyMapSvg(map, history, marksOf(compare, side, t), t, lang);
  const headingId = `history-${side}-heading`;
  const counts =
    side === 'from'
      ? { changed: compare.edited.length + compare.removed.length }
      : { changed: compare.added.length + compare.edited.length };
  const save = (format: ExportFormat) =>
    void downloadMap(svg, format, `cycle-map-${map.at.slice(0, 10)}-${side === 'from' ? 'before' : 'after'}`);
  return (
    <section className="history-side card" aria-labelledby={headingId} data-history-side={side}>
      <h3 id={headingId}>{t(side === 'from' ? 'record.history.before' : 'record.history.after', { title })}</h3>
      {map.nodes.length ? (
        <div className="record-map" role="region" tabIndex={0} aria-labelledby={headingId}>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
            alt={t('record.history.pictureAlt', { count: map.nodes.length, changed: counts.changed })}
          />
        </div>
      ) : (
        <p className="muted">{t('record.map.empty')}</p>
      )}
      <div className="history-exports">
        <Button className="btn btn-secondary btn-small" onPress={() => save('svg')}>
          {t('record.history.exportSvg')}
          <span className="visually-hidden"> {title}</span>
        </Button>
        <Button className="btn btn-secondary btn-small" onPress={() => save('png')}>
          {t('record.history.exportPng')}
          <span className="visually-hidden"> {title}</span>
        </Button>
      </div>
    </section>
  );
}

/**
 * Two sessions' maps side by side (stacked on a phone), the changed cards pointed out in both pictures and listed
 * in words below; each picture exportable, the comparison as a PDF.
 */
export function MapCompare({ history }: { history: CoupleHistoryDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kept = history.sessions.filter((s) => s.map !== null);
  const [from, setFrom] = useState(kept[1]?.id ?? '');
  const [to, setTo] = useState(kept[0]?.id ?? '');
  const ready = from !== '' && to !== '' && from !== to;
  const compare = useQuery(ready ? `history-compare:${history.coupleId}:${from}:${to}` : null, (signal) =>
    api.compareMaps(history.coupleId, from, to, { signal }),
  );
  if (kept.length < 2) {
    return <p className="muted">{t('record.history.needTwo')}</p>;
  }
  const options = kept.map((s) => ({ id: s.id, label: `${historyTitle(s, t, lang)}` }));
  const data = compare.data;
  return (
    <div className="history-compare">
      <div className="history-pickers">
        <SelectField label={t('record.history.pickBefore')} options={options} value={from} onChange={setFrom} />
        <SelectField label={t('record.history.pickAfter')} options={options} value={to} onChange={setTo} />
      </div>
      {!ready ? <p className="muted">{t('record.history.pickTwo')}</p> : null}
      {compare.loading ? <Loading /> : null}
      <ErrorNotice error={compare.error} onRetry={compare.reload} />
      {ready && data ? (
        <>
          <div className="history-sides">
            <SideMap side="from" map={data.from} compare={data} history={history} />
            <SideMap side="to" map={data.to} compare={data} history={history} />
          </div>
          <section className="history-changes" aria-labelledby="history-changes-heading">
            <h3 id="history-changes-heading">
              {t('record.history.changes', {
                from: historyTitle(data.from, t, lang),
                to: historyTitle(data.to, t, lang),
              })}
            </h3>
            <MapChangesList changes={data} />
          </section>
          <PdfDownloadButton
            path={`/couples/${encodeURIComponent(history.coupleId)}/history/compare.pdf?from=${from}&to=${to}`}
            fileName="map-comparison.pdf"
            label={t('record.history.pdf')}
          />
        </>
      ) : null}
    </div>
  );
}
