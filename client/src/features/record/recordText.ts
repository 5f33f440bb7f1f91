/** Words and numbers of the session record in the reader's language, and the note's suggestions built from them. */
import {
  CYCLE_NODE_KINDS,
  renderMapSvg,
  type CycleNodeKind,
  type MapSide,
  type ProgressNoteContent,
  type SessionRecordDto,
} from '@tandem/shared';
import type { TFunction } from 'i18next';
import { formatList } from '../../lib/format';
import { instrumentOf, responseLine } from '../measures/measureText';

/** What a new note starts with: the couples fields, and each partner's presentation (their check-in and check-out). */
export interface NoteSuggestions {
  fields: ProgressNoteContent['fields'];
  /** Partner id to a suggested presentation line. */
  presentations: Record<string, string>;
}

/** Each partner's check-in and check-out answers, one line per occasion, in the reader's language. */
export function measureSuggestions(record: SessionRecordDto, t: TFunction, language: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of record.measures.responses) {
    const def = instrumentOf(record.measures.instruments, r.instrumentId, r.instrumentVersion);
    if (!def) continue;
    const line = responseLine(def, r, t, language);
    out[r.partnerId] = out[r.partnerId] ? `${out[r.partnerId]}\n${line}` : line;
  }
  return out;
}

export const minutesOf = (ms: number) => Math.round(ms / 60_000);

/** "12 min", or "under 1 min" for a short stay (never a bare "0 min"). */
export function durationText(ms: number, t: TFunction): string {
  return ms < 60_000 ? t('record.underMinute') : t('record.minutes', { minutes: minutesOf(ms) });
}

export function timeOf(iso: string | null, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(iso));
}

export function dateOf(iso: string | null, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(new Date(iso));
}

/** "14:00 – 14:52" of the actual session, or what is known of it. */
export function actualRange(record: SessionRecordDto, t: TFunction, language: string): string {
  const { startedAt, endedAt } = record.session;
  if (!startedAt) return t('record.times.notStarted');
  if (!endedAt) return t('record.times.live', { start: timeOf(startedAt, language) });
  return t('record.times.range', { start: timeOf(startedAt, language), end: timeOf(endedAt, language) });
}

/** The map picture (the shared renderer's SVG) as an image address. */
export function mapImage(record: SessionRecordDto, t: TFunction, language: string): string | null {
  if (!record.map) return null;
  const partner = (slot: 'a' | 'b') =>
    record.people.find((p) => p.slot === slot)?.name ?? (slot === 'a' ? t('couple.partnerA') : t('couple.partnerB'));
  const sideNames: Record<MapSide, string> = { a: partner('a'), b: partner('b'), shared: t('map.side.shared') };
  const svg = renderMapSvg({
    nodes: record.map.nodes,
    edges: record.map.edges,
    sideNames,
    kindNames: Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, t(`map.kind.${k}`)])) as Record<
      CycleNodeKind,
      string
    >,
    text: {
      title: t('map.export.title'),
      date: dateOf(record.session.endedAt ?? record.builtAt, language),
      legend: t('map.export.legend'),
      emptyLabel: t('map.emptyLabel'),
    },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Suggestions for a new note from what the record knows: attendance and length, exercises run, map changes, and
 * each partner's check-in and check-out answers as the start of their presentation.
 */
export function noteSuggestions(record: SessionRecordDto, t: TFunction, language: string): NoteSuggestions {
  const people = record.people
    .filter((p) => p.role === 'partner')
    .map((p) => {
      if (!p.attended) return t('progressNote.suggest.absent', { name: p.name });
      const drops = p.devices.reduce((n, d) => n + d.drops, 0);
      const time = durationText(p.inRoomMs, t);
      return drops > 0
        ? t('progressNote.suggest.personDrops', {
            name: p.name,
            time,
            drops: t('record.attendance.dropCount', { count: drops }),
          })
        : t('progressNote.suggest.personLine', { name: p.name, time });
    });
  const attendance = t('progressNote.suggest.attendance', {
    people: formatList(people, language),
    range: actualRange(record, t, language),
    time: durationText(record.session.durationMs ?? 0, t),
  });
  const extra = [
    record.pauses.length ? t('progressNote.suggest.pauses', { count: record.pauses.length }) : '',
    record.breakouts.length ? t('progressNote.suggest.breakouts', { count: record.breakouts.length }) : '',
  ].filter(Boolean);
  const skill = record.scripts.length
    ? t('progressNote.suggest.scripts', {
        list: formatList(
          record.scripts.map((s) =>
            t('progressNote.suggest.scriptLine', { name: s.name, reached: s.stepsReached, count: s.stepCount }),
          ),
          language,
        ),
      })
    : '';
  const map = record.map;
  const cycle =
    map && map.added.length + map.edited.length + map.removed.length > 0
      ? t('progressNote.suggest.map', {
          added: map.added.length,
          edited: map.edited.length,
          removed: map.removed.length,
        })
      : '';
  return {
    fields: { attendance: [attendance, ...extra].join(' '), cycle, skill },
    presentations: measureSuggestions(record, t, language),
  };
}
