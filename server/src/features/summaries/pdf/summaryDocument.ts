/**
 * A partner's version as a PDF: the released `PartnerSummary`, and nothing else, laid out as a document model
 * (the same renderer as the record's PDF: tagged, DejaVu Sans, the map as vector paths). The only input besides
 * the summary is the practice's name for the running head; the record, the progress note, the psychotherapy notes
 * and anyone's private space are not parameters here, so they cannot reach the file.
 */
import type { Language, PartnerSummary } from '@tandem/shared';
import type { PdfBlock, PdfDocumentModel } from '../../record/pdf/model.js';
import { PdfFormat, mapAlt, mapInput, type MapNames, type PdfLocale } from '../../record/pdf/recordDocument.js';
import { fill } from '../../record/pdf/strings.js';

const en = {
  title: 'Session summary',
  subject: 'A summary of a couples session, from the therapist',
  forCouple: 'For {couple}',
  forPartner: 'For {name}',
  from: 'From',
  forWhom: 'For',
  date: 'Session',
  message: 'From your therapist',
  task: 'Your task until next time',
  next: 'Next session',
  nextAt: '{at} ({minutes} min)',
  nextIndividual: 'Individual session',
  exercises: 'Exercises you did',
  steps: 'Step {reached} of {count}',
  completed: 'Completed',
  map: 'The cycle map',
  mapEmpty: 'The map had no cards.',
  nothing: 'Nothing was included.',
  released: 'Released on {at}.',
  private: 'Private: for {who} only',
  timesIn: 'Times are in {tz}.',
};
type SummaryStrings = typeof en;
const es: SummaryStrings = {
  title: 'Resumen de la sesión',
  subject: 'Un resumen de una sesión de pareja, de su terapeuta',
  forCouple: 'Para {couple}',
  forPartner: 'Para {name}',
  from: 'De',
  forWhom: 'Para',
  date: 'Sesión',
  message: 'De su terapeuta',
  task: 'Su tarea hasta la próxima vez',
  next: 'Próxima sesión',
  nextAt: '{at} ({minutes} min)',
  nextIndividual: 'Sesión individual',
  exercises: 'Ejercicios realizados',
  steps: 'Paso {reached} de {count}',
  completed: 'Completado',
  map: 'El mapa del ciclo',
  mapEmpty: 'El mapa no tenía tarjetas.',
  nothing: 'No se incluyó nada.',
  released: 'Publicado el {at}.',
  private: 'Privado: solo para {who}',
  timesIn: 'Horas en {tz}.',
};
export const SUMMARY_PDF_STRINGS: Record<Language, SummaryStrings> = { en, es };

export interface SummaryPdfInput {
  content: PartnerSummary;
  releasedAt: string;
  practiceName: string;
}

/** The released summary as a document model, in the reader's language and time zone. */
export function summaryDocument(input: SummaryPdfInput, locale: PdfLocale): PdfDocumentModel {
  const f = new PdfFormat(locale);
  const t = SUMMARY_PDF_STRINGS[locale.lang];
  const c = input.content;
  const title = f.title(c.session.title);
  const who =
    c.audience.kind === 'couple'
      ? fill(t.forCouple, { couple: c.coupleName })
      : fill(t.forPartner, { name: c.audience.name });
  const blocks: PdfBlock[] = [];
  const h2 = (text: string) => blocks.push({ type: 'heading', level: 2, text });

  blocks.push({ type: 'heading', level: 1, text: `${t.title}: ${title}` });
  blocks.push({
    type: 'fields',
    rows: [
      { label: t.forWhom, value: c.audience.kind === 'couple' ? c.coupleName : c.audience.name },
      { label: t.from, value: c.therapistName },
      ...(c.session.date ? [{ label: t.date, value: f.date(c.session.date) }] : []),
    ],
  });
  if (c.message !== null) {
    h2(t.message);
    blocks.push({ type: 'paragraph', text: c.message });
  }
  if (c.task !== null) {
    h2(t.task);
    blocks.push({ type: 'paragraph', text: c.task });
  }
  if (c.nextSession) {
    h2(t.next);
    const at = fill(t.nextAt, { at: f.dateTime(c.nextSession.at), minutes: c.nextSession.minutes });
    blocks.push({
      type: 'paragraph',
      text: c.nextSession.kind === 'individual' ? `${at} · ${t.nextIndividual}` : at,
    });
    blocks.push({ type: 'paragraph', text: fill(t.timesIn, { tz: locale.timeZone }), muted: true });
  }
  if (c.exercises.length > 0) {
    h2(t.exercises);
    blocks.push({
      type: 'list',
      items: c.exercises.map((e) => ({
        text: `${e.name} · ${e.completed ? t.completed : fill(t.steps, { reached: e.stepsReached, count: e.stepCount })}`,
        sub: e.roles.map((r) => `${r.roleName}: ${r.partnerName}`),
      })),
    });
  }
  if (c.map) {
    h2(t.map);
    if (c.map.nodes.length === 0) blocks.push({ type: 'paragraph', text: t.mapEmpty, muted: true });
    else {
      const names: MapNames = {
        a: c.partners.find((p) => p.slot === 'a')?.name ?? f.s.partnerA,
        b: c.partners.find((p) => p.slot === 'b')?.name ?? f.s.partnerB,
      };
      const mi = mapInput(f, c.map, names, f.date(c.session.date));
      blocks.push({ type: 'map', map: mi, alt: mapAlt(f, mi, '') });
    }
  }
  const nothing =
    c.message === null && c.task === null && c.nextSession === null && c.exercises.length === 0 && c.map === null;
  if (nothing) blocks.push({ type: 'paragraph', text: t.nothing, muted: true });
  blocks.push({ type: 'paragraph', text: fill(t.released, { at: f.dateTime(input.releasedAt) }), muted: true });

  const practice = input.practiceName.trim();
  return {
    lang: locale.lang,
    title: `${t.title}: ${title} · ${who}`,
    author: practice || c.therapistName,
    subject: t.subject,
    runningHead: practice ? `${practice} · ${c.therapistName}` : c.therapistName,
    runningFoot: fill(t.private, { who: c.audience.kind === 'couple' ? c.coupleName : c.audience.name }),
    pageLabel: f.s.pageLabel,
    blocks,
  };
}
