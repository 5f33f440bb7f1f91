import { useTranslation } from 'react-i18next';
import { isScaleItem } from '@tandem/shared';
import type { InstrumentDefinition, MeasureResponseDto } from '@tandem/shared';
import { lang, localized } from './measureText';

export interface TablePartner {
  id: string;
  name: string;
}

/**
 * One instrument's answers, the partners side by side: a row per item, a column per partner, the score last.
 * Therapist-only (a partner's screen never holds the other's answers).
 */
export function MeasuresTable({
  instrument,
  partners,
  responses,
}: {
  instrument: InstrumentDefinition;
  partners: TablePartner[];
  responses: MeasureResponseDto[];
}) {
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const of = (partnerId: string) =>
    responses.find(
      (r) =>
        r.partnerId === partnerId && r.instrumentId === instrument.id && r.instrumentVersion === instrument.version,
    );
  const notAnswered = (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('measures.notAnswered')}</span>
    </>
  );
  const scaleItems = instrument.items.filter(isScaleItem);
  const textItems = instrument.items.filter((i) => !isScaleItem(i));
  return (
    <div className="measure-table-wrap" data-instrument={instrument.id}>
      <table className="measure-table">
        <caption className="visually-hidden">{localized(instrument.name, language)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measures.item')}</th>
            {partners.map((p) => (
              <th scope="col" key={p.id}>
                {p.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scaleItems.map((item) => (
            <tr key={item.id} data-item={item.id}>
              <th scope="row">{localized(item.text, language)}</th>
              {partners.map((p) => {
                const v = of(p.id)?.answers[item.id];
                return (
                  <td key={p.id} data-partner={p.id} className="num">
                    {typeof v === 'number' ? v : notAnswered}
                  </td>
                );
              })}
            </tr>
          ))}
          {scaleItems.length > 1 ? (
            <tr className="measure-total">
              <th scope="row">{t('measures.total', { min: instrument.range.min, max: instrument.range.max })}</th>
              {partners.map((p) => {
                const r = of(p.id);
                return (
                  <td key={p.id} className="num" data-partner={p.id}>
                    {r
                      ? (r.score ?? (
                          <span title={t('measures.noScore')}>
                            <span aria-hidden="true">—</span>
                            <span className="visually-hidden">{t('measures.noScore')}</span>
                          </span>
                        ))
                      : notAnswered}
                  </td>
                );
              })}
            </tr>
          ) : null}
        </tbody>
      </table>
      {/* Lines of text read better one under the other than in narrow columns. */}
      {textItems.map((item) => (
        <div key={item.id} className="measure-lines" data-item={item.id}>
          <p className="measure-lines-label">{localized(item.text, language)}</p>
          <ul>
            {partners.map((p) => {
              const v = of(p.id)?.answers[item.id];
              return (
                <li key={p.id} data-partner={p.id}>
                  <span className="measure-lines-name">{p.name}:</span> {typeof v === 'string' && v ? v : notAnswered}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
