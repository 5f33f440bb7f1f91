/**
 * The time to build a session's PDF: `node --conditions=source --import tsx server/bench/pdf.ts` (`--runs N`, 20).
 * The sample session (a 60-card map, a full signed SOAP note with long English and Spanish text, emoji, addenda):
 * document model + pdfkit layout + font subsetting + compression, in this process, one build after another.
 * The first build (cold: modules, fonts and the JIT warming up) is reported apart from the steady ones.
 * Prints one JSON line.
 */
import { recordDocument } from '../src/features/record/pdf/recordDocument.js';
import { renderPdf } from '../src/features/record/pdf/render.js';
import { sampleNote, sampleRecord } from '../src/features/record/pdf/sample.js';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const RUNS = at >= 0 && Number(args[at + 1]) > 0 ? Number(args[at + 1]) : 20;

const build = async () => {
  const t0 = performance.now();
  const pdf = await renderPdf(
    recordDocument(
      { record: sampleRecord(60), note: sampleNote(), practiceName: 'Clínica Aurora', therapistName: 'Dr Rivera' },
      { lang: 'es', timeZone: 'Europe/Madrid' },
    ),
  );
  return { ms: performance.now() - t0, bytes: pdf.length };
};

const first = await build();
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < RUNS; i++) {
  const r = await build();
  times.push(r.ms);
  bytes = r.bytes;
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
const round = (v: number) => Math.round(v * 10) / 10;
console.log(
  JSON.stringify({
    case: 'pdf',
    cards: 60,
    runs: RUNS,
    first_ms: round(first.ms),
    median_ms: round(pct(50)),
    p95_ms: round(pct(95)),
    bytes,
    loadavg_1m: round((await import('node:os')).loadavg()[0] ?? 0),
  }),
);
