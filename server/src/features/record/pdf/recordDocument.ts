/**
 * The therapist's PDF of a session: the record and the progress note, from an allow-list of their fields.
 * Psychotherapy notes are not an input here and cannot appear. The map's helpers serve the history's PDFs too.
 */
import {
  CYCLE_NODE_KINDS,
  NOTE_COUPLE_FIELDS,
  NOTE_SECTIONS,
  type CycleNodeKind,
  type Language,
  type MapRenderInput,
  type MapSide,
  type ProgressNoteDto,
  type RecordCard,
  type RecordCardChange,
  type RecordMap,
  type SessionRecordDto,
} from '@tandem/shared';
import type { PdfBlock, PdfDocumentModel, PdfListItem } from './model.js';
import { PDF_STRINGS, fill, type PdfStrings } from './strings.js';

export interface PdfLocale {
  lang: Language;
  /** IANA time zone the times are printed in. */
  timeZone: string;
}

/** Date and time formatting for a reader. */
export class PdfFormat {
  readonly s: PdfStrings;
  private readonly dateFmt: Intl.DateTimeFormat;
  private readonly timeFmt: Intl.DateTimeFormat;
  private readonly dateTimeFmt: Intl.DateTimeFormat;

  constructor(readonly locale: PdfLocale) {
    this.s = PDF_STRINGS[locale.lang];
    const timeZone = locale.timeZone;
    this.dateFmt = new Intl.DateTimeFormat(locale.lang, { dateStyle: 'full', timeZone });
    this.timeFmt = new Intl.DateTimeFormat(locale.lang, { timeStyle: 'short', timeZone });
    this.dateTimeFmt = new Intl.DateTimeFormat(locale.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  }
  date = (iso: string | null) => (iso ? this.dateFmt.format(new Date(iso)) : '');
  time = (iso: string | null) => (iso ? this.timeFmt.format(new Date(iso)) : '');
  dateTime = (iso: string | null) => (iso ? this.dateTimeFmt.format(new Date(iso)) : '');
  duration = (ms: number) =>
    ms < 60_000 ? this.s.underMinute : fill(this.s.minutes, { minutes: Math.round(ms / 60_000) });
  title = (title: string) => title.trim() || this.s.untitled;
}

export interface MapNames {
  a: string;
  b: string;
}

/** The shared renderer's input for a map, in the reader's words. */
export function mapInput(
  f: PdfFormat,
  map: { nodes: readonly RecordCard[]; edges: RecordMap['edges'] },
  names: MapNames,
  date: string,
): MapRenderInput {
  const sideNames: Record<MapSide, string> = { a: names.a, b: names.b, shared: f.s.shared };
  return {
    nodes: map.nodes,
    edges: map.edges,
    sideNames,
    kindNames: Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, f.s.kinds[k]])) as Record<CycleNodeKind, string>,
    text: { title: f.s.mapTitle, date, legend: f.s.legend, emptyLabel: f.s.emptyLabel },
  };
}

/** Words for a screen reader: how many cards and arrows, then each lane's cards with their kind and words. */
export function mapAlt(f: PdfFormat, input: MapRenderInput, when: string): string {
  if (input.nodes.length === 0) return fill(f.s.mapAltNone, { when });
  const lanes = (['a', 'b', 'shared'] as const)
    .map((side) => {
      const cards = input.nodes.filter((n) => n.side === side);
      if (cards.length === 0) return '';
      const words = cards.map((c) => `${input.kindNames[c.kind]}: ${c.label.trim() || f.s.emptyLabel}`).join('; ');
      return fill(f.s.mapAltLane, { side: input.sideNames[side], cards: words });
    })
    .filter(Boolean)
    .join(' ');
  return fill(f.s.mapAlt, { when, count: input.nodes.length, arrows: input.edges.length, lanes });
}

/** "Added (2)" with its list, for each kind of change that has any. */
export function changeBlocks(
  f: PdfFormat,
  changes: { added: RecordCardChange[]; edited: RecordCardChange[]; removed: RecordCardChange[] },
): PdfBlock[] {
  const out: PdfBlock[] = [];
  if (changes.added.length + changes.edited.length + changes.removed.length === 0) {
    return [{ type: 'paragraph', text: f.s.noChanges }];
  }
  const line = (c: RecordCardChange) =>
    `${f.s.kinds[c.kind]}: ${c.label || f.s.emptyLabel}` +
    (c.before !== undefined ? ` (${fill(f.s.before, { label: c.before || f.s.emptyLabel })})` : '');
  for (const key of ['added', 'edited', 'removed'] as const) {
    const items = changes[key];
    if (items.length === 0) continue;
    out.push({ type: 'heading', level: 3, text: fill(f.s[key], { count: items.length }) });
    out.push({ type: 'list', items: items.map(line) });
  }
  return out;
}

export interface RecordPdfInput {
  record: SessionRecordDto;
  note: ProgressNoteDto | null;
  practiceName: string;
  therapistName: string;
}

/** The record and its progress note as a document model. */
export function recordDocument(input: RecordPdfInput, locale: PdfLocale): PdfDocumentModel {
  const f = new PdfFormat(locale);
  const { s } = f;
  const { record, note } = input;
  const session = record.session;
  const title = f.title(session.title);
  const names: MapNames = {
    a: record.people.find((p) => p.slot === 'a')?.name ?? s.partnerA,
    b: record.people.find((p) => p.slot === 'b')?.name ?? s.partnerB,
  };
  const blocks: PdfBlock[] = [];
  const h2 = (text: string) => blocks.push({ type: 'heading', level: 2, text });
  const none = (items: PdfListItem[], empty: string) =>
    blocks.push(items.length ? { type: 'list', items } : { type: 'paragraph', text: empty, muted: true });

  blocks.push({ type: 'heading', level: 1, text: `${s.recordTitle}: ${title}` });
  blocks.push({
    type: 'fields',
    rows: [
      { label: s.couple, value: session.coupleName },
      { label: s.therapist, value: input.therapistName },
      { label: s.date, value: f.date(session.startedAt ?? session.scheduledAt) || s.notStarted },
    ],
  });
  blocks.push({
    type: 'notice',
    tone: note?.signed ? 'info' : 'warning',
    text: !note
      ? s.noNote
      : note.signed
        ? fill(s.signed, { name: note.signed.name, at: f.dateTime(note.signed.at) })
        : s.draft,
  });

  h2(s.times);
  const actual = !session.startedAt
    ? s.notStarted
    : !session.endedAt
      ? fill(s.live, { start: f.time(session.startedAt) })
      : fill(s.range, { start: f.time(session.startedAt), end: f.time(session.endedAt) });
  blocks.push({
    type: 'fields',
    rows: [
      {
        label: s.scheduled,
        value: session.scheduledAt
          ? `${f.dateTime(session.scheduledAt)} (${f.duration(session.scheduledMinutes * 60_000)})`
          : s.notScheduled,
      },
      {
        label: s.actual,
        value: session.durationMs === null ? actual : `${actual} (${f.duration(session.durationMs)})`,
      },
      { label: s.status, value: s.statuses[session.status] },
    ],
  });
  blocks.push({ type: 'paragraph', text: fill(s.timesIn, { tz: locale.timeZone }), muted: true });

  h2(s.attendance);
  const people: PdfListItem[] = record.people.map((p) => {
    const who = p.role === 'therapist' ? `${p.name} (${s.therapistRole})` : p.name;
    return {
      text: p.attended
        ? fill(s.personLine, { name: who, time: f.duration(p.inRoomMs) })
        : fill(s.personAbsent, { name: who }),
      sub: p.devices.map((d, i) =>
        fill(s.deviceLine, {
          n: i + 1,
          time: f.duration(d.inRoomMs),
          drops: d.drops,
          rejoins: d.rejoins,
          intervals: d.intervals.map((iv) => fill(s.range, { start: f.time(iv.from), end: f.time(iv.to) })).join(', '),
        }),
      ),
    };
  });
  none(people, s.absent);

  h2(s.breakouts);
  none(
    record.breakouts.map((b) =>
      fill(s.breakoutItem, {
        name: b.partnerName,
        from: f.time(b.startedAt),
        to: f.time(b.endedAt),
        time: f.duration(b.durationMs),
      }),
    ),
    s.noBreakouts,
  );

  h2(s.pauses);
  none(
    record.pauses.map((p) =>
      fill(s.pauseItem, {
        from: f.time(p.startedAt),
        time: f.duration(p.durationMs),
        planned: f.duration(p.plannedMs),
        reason: s.reason[p.endReason],
        caller: p.calledBy ? fill(s.calledBy, { name: p.calledBy.name }) : s.anonymous,
        back: p.everyoneBack === null ? s.endedDuring : p.everyoneBack ? s.back : s.notBack,
      }),
    ),
    s.noPauses,
  );

  h2(s.quickExits);
  none(
    record.quickExits.map((q) => fill(s.quickExitItem, { name: q.partnerName, at: f.time(q.at) })),
    s.noQuickExits,
  );

  h2(s.stopSignals);
  none(
    record.stopSignals.map(
      (x) =>
        `${fill(s.stopSignalItem, { name: x.partnerName, at: f.time(x.at) })}; ${
          x.dismissedAt === null ? s.stopSignalOpen : fill(s.stopSignalDismissed, { at: f.time(x.dismissedAt) })
        }`,
    ),
    s.noStopSignals,
  );

  h2(s.scripts);
  none(
    record.scripts.map((r) =>
      fill(s.scriptItem, {
        name: r.name,
        at: f.time(r.startedAt),
        roles: r.roles.map((x) => `${x.roleName}: ${x.partnerName}`).join(', '),
        progress: r.completed
          ? s.scriptDone
          : fill(s.scriptSteps, { reached: r.stepsReached, count: r.stepCount }) +
            (r.lastStepTitle ? ` (${r.lastStepTitle})` : ''),
      }),
    ),
    s.noScripts,
  );

  h2(s.map);
  const map = record.map;
  if (!map) blocks.push({ type: 'paragraph', text: s.noMap, muted: true });
  else {
    if (map.nodes.length === 0) blocks.push({ type: 'paragraph', text: s.emptyMap, muted: true });
    else {
      const when = f.date(session.endedAt ?? record.builtAt);
      const mi = mapInput(f, map, names, when);
      blocks.push({ type: 'map', map: mi, alt: mapAlt(f, mi, '') });
    }
    blocks.push({ type: 'heading', level: 3, text: s.mapChanges });
    blocks.push({
      type: 'paragraph',
      text: map.baseline === 'previous-session' ? s.baselinePrevious : s.baselineEmpty,
      muted: true,
    });
    blocks.push(...changeBlocks(f, map));
  }

  // The progress note: its format's fields, each partner's presentation and risk, the signature, the addenda.
  if (note) {
    h2(fill(s.noteHeading, { format: note.format.toUpperCase() }));
    blocks.push({
      type: 'notice',
      tone: note.signed ? 'info' : 'warning',
      text: note.signed ? fill(s.signed, { name: note.signed.name, at: f.dateTime(note.signed.at) }) : s.draft,
    });
    blocks.push({ type: 'heading', level: 3, text: s.noteCouple });
    blocks.push({
      type: 'fields',
      rows: NOTE_COUPLE_FIELDS.map((k) => ({ label: s.fields[k], value: note.content.fields[k] ?? '' })),
    });
    for (const key of NOTE_SECTIONS[note.format]) {
      blocks.push({ type: 'heading', level: 3, text: s.sections[key] });
      blocks.push({ type: 'paragraph', text: note.content.sections[key]?.trim() || '—' });
    }
    for (const p of note.content.partners) {
      const name = record.people.find((x) => x.role === 'partner' && x.id === p.partnerId)?.name ?? '';
      blocks.push({ type: 'heading', level: 3, text: name });
      blocks.push({
        type: 'fields',
        rows: [
          { label: s.presentation, value: p.presentation },
          { label: s.risk, value: p.riskLevel ? s.riskLevels[p.riskLevel] : s.notAnswered },
          ...(p.riskNote.trim() ? [{ label: s.riskNote, value: p.riskNote }] : []),
        ],
      });
    }
    if (note.addenda.length > 0) {
      blocks.push({ type: 'heading', level: 3, text: s.addenda });
      for (const a of note.addenda) {
        blocks.push({
          type: 'paragraph',
          text: fill(s.addendumBy, { name: a.authorName, at: f.dateTime(a.createdAt) }),
          muted: true,
        });
        blocks.push({ type: 'paragraph', text: a.text });
      }
    }
  }
  blocks.push({ type: 'paragraph', text: s.psychotherapyNotesApart, muted: true });
  blocks.push({ type: 'paragraph', text: fill(s.builtAt, { at: f.dateTime(record.builtAt) }), muted: true });

  const practice = input.practiceName.trim();
  return {
    lang: locale.lang,
    title: `${s.recordTitle}: ${title} · ${session.coupleName}`,
    author: practice || input.therapistName,
    subject: s.recordSubject,
    runningHead: practice ? `${practice} · ${input.therapistName}` : input.therapistName,
    runningFoot: `${s.confidential} · ${session.coupleName} · ${title}`,
    pageLabel: s.pageLabel,
    blocks,
  };
}
