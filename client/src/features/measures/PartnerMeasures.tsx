import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSessionSocket } from '../session/useSessionSocket';
import { useMeasures } from './MeasuresProvider';
import { instrumentOf, responseLine } from './measureText';
import './measures.css';

/** In a partner's private panel while a check-in or check-out is open: their own answer, and a way back to the form. */
export function PartnerMeasures() {
  const { t, i18n } = useTranslation();
  const { self } = useSessionSocket();
  const { view, setDialog } = useMeasures();
  const open = view?.occasions.find((o) => o.status === 'open');
  if (!view || !open) return null;
  const instrument = instrumentOf(view.instruments, open.instrumentId, open.instrumentVersion);
  if (!instrument) return null;
  const mine = view.responses.find((r) => r.occasion === open.occasion && r.partnerId === self?.id);
  return (
    <section className="panel-section measures-partner" aria-labelledby="measures-partner-heading">
      <h3 id="measures-partner-heading">{t(`measures.occasion.${open.occasion}`)}</h3>
      <p className="muted">{mine ? responseLine(instrument, mine, t, i18n.language) : t('measures.notYet')}</p>
      <Button className="btn btn-secondary btn-small" onPress={() => setDialog(open.occasion)}>
        {mine ? t('measures.change') : t('measures.answer')}
      </Button>
    </section>
  );
}
