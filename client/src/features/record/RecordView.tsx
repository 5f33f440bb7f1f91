import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RecordSessionLink, SessionRecordDto } from '@tandem/shared';
import { formatDateTime } from '../../lib/format';
import { SESSION_STATUS_KEYS } from '../sessions/labels';
import { MapChangesList } from './MapChangesList';
import { actualRange, dateOf, durationText, mapImage, timeOf } from './recordText';
import { MeasuresTable } from '../measures/MeasuresTable';
import { instrumentOf } from '../measures/measureText';
import '../measures/measures.css';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="record-section card" aria-labelledby={`record-${id}`} data-record-section={id}>
      <h2 id={`record-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

function SessionLink({ link, label, none }: { link: RecordSessionLink | null; label: string; none: string }) {
  const { i18n } = useTranslation();
  if (!link) return <p className="muted">{none}</p>;
  return (
    <p>
      <Link to={`/sessions/${link.id}/record`}>{label}</Link>{' '}
      <span className="muted">· {formatDateTime(link.at, i18n.language)}</span>
    </p>
  );
}

/** Each occasion's instrument with both partners' answers side by side. */
function RecordMeasures({ record }: { record: SessionRecordDto }) {
  const { t } = useTranslation();
  const { occasions, instruments, responses } = record.measures;
  const partners = record.people.filter((p) => p.role === 'partner').map((p) => ({ id: p.id, name: p.name }));
  if (responses.length === 0) return <p className="muted">{t('measures.record.none')}</p>;
  return (
    <>
      {occasions.map((o) => {
        const answered = responses.filter((r) => r.occasion === o.occasion);
        const instrument = instrumentOf(instruments, o.instrumentId, o.instrumentVersion);
        if (!instrument) return null;
        return (
          <div key={o.occasion} className="record-measure" data-occasion={o.occasion}>
            <h3>{t(`measures.occasion.${o.occasion}`)}</h3>
            {answered.length === 0 ? (
              <p className="muted">
                {o.status === 'pending' ? t('measures.record.notOpened') : t('measures.record.noAnswers')}
              </p>
            ) : (
              <MeasuresTable instrument={instrument} partners={partners} responses={answered} />
            )}
          </div>
        );
      })}
    </>
  );
}

/** The session record: times, attendance per device, breakouts, pauses, quick exits, scripts, the map. */
export function RecordView({ record }: { record: SessionRecordDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session } = record;
  const time = (iso: string | null) => timeOf(iso, lang);
  const image = mapImage(record, t, lang);
  const map = record.map;

  return (
    <div className="record">
      <Section id="times" title={t('record.times.heading')}>
        <dl className="details">
          <div className="details-row">
            <dt>{t('record.times.date')}</dt>
            <dd>{dateOf(session.startedAt ?? session.scheduledAt, lang) || t('record.times.notStarted')}</dd>
          </div>
          <div className="details-row">
            <dt>{t('record.times.scheduled')}</dt>
            <dd>
              {session.scheduledAt
                ? t('record.times.minutes', {
                    range: formatDateTime(session.scheduledAt, lang),
                    time: durationText(session.scheduledMinutes * 60_000, t),
                  })
                : t('record.times.notScheduled')}
            </dd>
          </div>
          <div className="details-row">
            <dt>{t('record.times.actual')}</dt>
            <dd data-testid="record-actual">
              {session.durationMs === null
                ? actualRange(record, t, lang)
                : t('record.times.minutes', {
                    range: actualRange(record, t, lang),
                    time: durationText(session.durationMs, t),
                  })}
            </dd>
          </div>
          <div className="details-row">
            <dt>{t('record.times.status')}</dt>
            <dd>{t(SESSION_STATUS_KEYS[session.status])}</dd>
          </div>
        </dl>
      </Section>

      <Section id="attendance" title={t('record.attendance.heading')}>
        <ul className="record-list record-people">
          {record.people.map((p) => (
            <li key={`${p.role}:${p.id}`} data-person={p.slot ?? 'therapist'}>
              <p className="record-person">
                <strong>{p.name}</strong>
                {p.role === 'therapist' ? <span className="muted"> · {t('record.attendance.therapist')}</span> : null}
                <span className="record-figure">
                  {p.attended ? durationText(p.inRoomMs, t) : t('record.attendance.absent')}
                </span>
              </p>
              {p.devices.length > 0 ? (
                <ul className="record-devices">
                  {p.devices.map((d, i) => (
                    <li key={d.deviceId ?? i}>
                      {t('record.attendance.deviceLine', { n: i + 1, time: durationText(d.inRoomMs, t) })},{' '}
                      {t('record.attendance.dropCount', { count: d.drops })},{' '}
                      {t('record.attendance.rejoinCount', { count: d.rejoins })}
                      <span className="muted">
                        {' '}
                        ·{' '}
                        {d.intervals
                          .map((iv) => t('record.attendance.interval', { from: time(iv.from), to: time(iv.to) }))
                          .join(', ')}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="breakouts" title={t('record.breakouts.heading')}>
        {record.breakouts.length === 0 ? <p className="muted">{t('record.breakouts.none')}</p> : null}
        <ul className="record-list">
          {record.breakouts.map((b) => (
            <li key={b.startedAt}>
              {t('record.breakouts.item', {
                name: b.partnerName,
                from: time(b.startedAt),
                to: time(b.endedAt),
                time: durationText(b.durationMs, t),
              })}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="pauses" title={t('record.pauses.heading')}>
        {record.pauses.length === 0 ? <p className="muted">{t('record.pauses.none')}</p> : null}
        <ul className="record-list">
          {record.pauses.map((p) => (
            <li key={p.startedAt}>
              <p>
                {t('record.pauses.length', {
                  from: time(p.startedAt),
                  time: durationText(p.durationMs, t),
                  planned: durationText(p.plannedMs, t),
                })}{' '}
                <span className="muted">({t(`record.pauses.reason.${p.endReason}`)})</span>
              </p>
              <p className="muted">
                {p.calledBy ? t('record.pauses.calledBy', { name: p.calledBy.name }) : t('record.pauses.anonymous')}
                {' · '}
                {p.everyoneBack === null
                  ? t('record.pauses.sessionEnded')
                  : p.everyoneBack
                    ? t('record.pauses.back')
                    : t('record.pauses.notBack')}
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="quick-exits" title={t('record.quickExits.heading')}>
        {record.quickExits.length === 0 ? <p className="muted">{t('record.quickExits.none')}</p> : null}
        <ul className="record-list">
          {record.quickExits.map((q) => (
            <li key={q.at}>{t('record.quickExits.item', { name: q.partnerName, at: time(q.at) })}</li>
          ))}
        </ul>
      </Section>

      <Section id="stop-signals" title={t('record.stopSignals.heading')}>
        {record.stopSignals.length === 0 ? <p className="muted">{t('record.stopSignals.none')}</p> : null}
        <ul className="record-list">
          {record.stopSignals.map((x, i) => (
            <li key={`${x.at}:${i}`}>
              {t('record.stopSignals.item', { name: x.partnerName, at: time(x.at) })}
              {' · '}
              {x.dismissedAt === null
                ? t('record.stopSignals.open')
                : t('record.stopSignals.dismissed', { at: time(x.dismissedAt) })}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="measures" title={t('measures.record.heading')}>
        <RecordMeasures record={record} />
      </Section>

      <Section id="scripts" title={t('record.scripts.heading')}>
        {record.scripts.length === 0 ? <p className="muted">{t('record.scripts.none')}</p> : null}
        <ul className="record-list">
          {record.scripts.map((s) => (
            <li key={s.startedAt}>
              <p>
                <strong>{s.name}</strong> · {time(s.startedAt)}
              </p>
              <p className="muted">
                {s.roles.map((r) => t('record.scripts.role', { role: r.roleName, name: r.partnerName })).join(' · ')}
              </p>
              <p>
                {s.completed
                  ? t('record.scripts.completed')
                  : t('record.scripts.steps', { reached: s.stepsReached, count: s.stepCount })}
                {s.lastStepTitle ? (
                  <span className="muted"> · {t('record.scripts.lastStep', { title: s.lastStepTitle })}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="map" title={t('record.map.heading')}>
        {!map ? <p className="muted">{t('record.map.none')}</p> : null}
        {map && map.nodes.length === 0 ? <p className="muted">{t('record.map.empty')}</p> : null}
        {map && image && map.nodes.length > 0 ? (
          <div className="record-map" role="region" tabIndex={0} aria-labelledby="record-map">
            <img src={image} alt={t('record.map.pictureAlt', { count: map.nodes.length })} />
          </div>
        ) : null}
        {map ? (
          <>
            <h3>{t('record.map.changes')}</h3>
            <p className="muted">
              {map.baseline === 'previous-session' ? t('record.map.baselinePrevious') : t('record.map.baselineEmpty')}
            </p>
            <MapChangesList changes={map} />
          </>
        ) : null}
      </Section>

      <Section id="nav" title={t('record.nav.heading')}>
        <SessionLink
          link={record.previous}
          label={t('record.nav.previous', { title: record.previous?.title ?? '' })}
          none={t('record.nav.noPrevious')}
        />
        <SessionLink
          link={record.next}
          label={t('record.nav.next', { title: record.next?.title ?? '' })}
          none={t('record.nav.noNext')}
        />
      </Section>
    </div>
  );
}
