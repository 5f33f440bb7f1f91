/**
 * A full, heavy session for the PDF's tests and `npm run bench -- --only pdf`: a 60-card map (three lanes of 20,
 * each card joined to the next), a signed SOAP note with long English and Spanish text and emoji, two addenda,
 * drops, a breakout, a pause, a quick exit and a script run. Data only.
 */
import type { ProgressNoteDto, RecordCard, SessionRecordDto } from '@tandem/shared';

export const SAMPLE_IDS = {
  session: '6f1c1f5e-0d5b-4d59-9a37-1d1f0a8f0001',
  couple: '6f1c1f5e-0d5b-4d59-9a37-1d1f0a8f0002',
  therapist: '6f1c1f5e-0d5b-4d59-9a37-1d1f0a8f0003',
  alex: '6f1c1f5e-0d5b-4d59-9a37-1d1f0a8f0004',
  sam: '6f1c1f5e-0d5b-4d59-9a37-1d1f0a8f0005',
} as const;

/** Words that must come out of the PDF as written (accents, ñ, ¿ ¡, «»). */
export const SAMPLE_WORDS = {
  spanish: 'Sam dijo: «¿Por qué nunca me escuchás?» — añoranza, corazón, pequeñísimo, ¡qué alivio!',
  english: 'Alex noticed the pursue–withdraw loop and named the softer feeling underneath.',
  emoji: 'Both laughed 😂 at the end ❤️ and agreed on one pause 👩‍❤️‍👨 each day.',
} as const;

const KINDS = ['trigger', 'action', 'perception', 'reactive-emotion', 'underlying-emotion', 'need'] as const;
const SIDES = ['a', 'b', 'shared'] as const;

export function sampleCards(count = 60): {
  nodes: RecordCard[];
  edges: { id: string; source: string; target: string }[];
} {
  const nodes: RecordCard[] = [];
  for (let i = 0; i < count; i++) {
    const lane = i % 3;
    const row = Math.floor(i / 3);
    nodes.push({
      id: `card-${i}`,
      kind: KINDS[i % KINDS.length] ?? 'note',
      side: SIDES[lane] ?? 'shared',
      label:
        i % 7 === 0
          ? `Tarjeta ${i + 1}: «me cuesta pedir ayuda» y después me cierro 😶`
          : i % 5 === 0
            ? `Card ${i + 1}: when the phone lights up during dinner I feel left out and I push harder`
            : `Card ${i + 1}: ${lane === 1 ? 'se retira, corazón acelerado' : 'pursues, asks again'}`,
      x: lane * 280,
      y: row * 130,
    });
  }
  const edges = nodes.slice(1).map((n, i) => ({ id: `edge-${i}`, source: nodes[i]!.id, target: n.id }));
  return { nodes, edges };
}

const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 15, min)).toISOString();
const long = (s: string, times: number) => Array.from({ length: times }, () => s).join(' ');

export function sampleRecord(cards = 60): SessionRecordDto {
  const { nodes, edges } = sampleCards(cards);
  return {
    session: {
      id: SAMPLE_IDS.session,
      coupleId: SAMPLE_IDS.couple,
      coupleName: 'Alex & Sam',
      title: 'Sesión 7 — reparación',
      kind: 'joint',
      status: 'ended',
      scheduledAt: at(0),
      scheduledMinutes: 50,
      startedAt: at(2),
      endedAt: at(54),
      durationMs: 52 * 60_000,
    },
    people: [
      {
        id: SAMPLE_IDS.therapist,
        role: 'therapist',
        name: 'Dr Rivera',
        slot: null,
        attended: true,
        firstIn: at(1),
        lastOut: at(54),
        inRoomMs: 53 * 60_000,
        devices: [
          { deviceId: null, intervals: [{ from: at(1), to: at(54) }], inRoomMs: 53 * 60_000, drops: 0, rejoins: 0 },
        ],
      },
      {
        id: SAMPLE_IDS.alex,
        role: 'partner',
        name: 'Alex',
        slot: 'a',
        attended: true,
        firstIn: at(2),
        lastOut: at(54),
        inRoomMs: 49 * 60_000,
        devices: [
          {
            deviceId: 'dev-a1',
            intervals: [
              { from: at(2), to: at(20) },
              { from: at(23), to: at(54) },
            ],
            inRoomMs: 49 * 60_000,
            drops: 1,
            rejoins: 1,
          },
        ],
      },
      {
        id: SAMPLE_IDS.sam,
        role: 'partner',
        name: 'Sam',
        slot: 'b',
        attended: true,
        firstIn: at(3),
        lastOut: at(50),
        inRoomMs: 47 * 60_000,
        devices: [
          { deviceId: 'dev-b1', intervals: [{ from: at(3), to: at(50) }], inRoomMs: 47 * 60_000, drops: 1, rejoins: 0 },
        ],
      },
    ],
    breakouts: [
      { partnerId: SAMPLE_IDS.sam, partnerName: 'Sam', startedAt: at(30), endedAt: at(36), durationMs: 6 * 60_000 },
    ],
    pauses: [
      {
        startedAt: at(40),
        endedAt: at(44),
        durationMs: 4 * 60_000,
        plannedMs: 5 * 60_000,
        calledBy: { id: SAMPLE_IDS.alex, role: 'partner', name: 'Alex' },
        endReason: 'ended-early',
        everyoneBack: true,
      },
    ],
    quickExits: [{ partnerId: SAMPLE_IDS.sam, partnerName: 'Sam', at: at(50) }],
    stopSignals: [{ partnerId: SAMPLE_IDS.alex, partnerName: 'Alex', at: at(30), dismissedAt: at(33) }],
    scripts: [
      {
        scriptId: 'speaker-listener',
        name: 'Speaker–listener',
        language: 'en',
        roles: [
          { roleId: 'speaker', roleName: 'Speaker', partnerId: SAMPLE_IDS.alex, partnerName: 'Alex' },
          { roleId: 'listener', roleName: 'Listener', partnerId: SAMPLE_IDS.sam, partnerName: 'Sam' },
        ],
        stepCount: 6,
        stepsReached: 4,
        lastStepTitle: 'Swap roles',
        completed: false,
        startedAt: at(10),
        endedAt: at(25),
      },
    ],
    map: {
      docName: `map.${SAMPLE_IDS.couple}`,
      nodes,
      edges,
      baseline: 'previous-session',
      added: nodes.slice(0, 4).map(({ id, kind, side, label }) => ({ id, kind, side, label })),
      edited: [{ id: 'card-5', kind: 'perception', side: 'shared', label: nodes[5]!.label, before: 'Antes: «nada»' }],
      removed: [{ id: 'gone', kind: 'note', side: 'a', label: 'Old note 🗑️' }],
    },
    previous: null,
    next: null,
    measures: { occasions: [], instruments: [], responses: [] },
    builtAt: at(60),
  };
}

export function sampleNote(): ProgressNoteDto {
  return {
    sessionId: SAMPLE_IDS.session,
    format: 'soap',
    content: {
      fields: {
        attendance: 'Alex 49 min (1 drop), Sam 47 min. Session 15:02 – 15:54 (52 min).',
        cycle: long(SAMPLE_WORDS.english, 3),
        skill: 'Speaker–listener, reached step 4 of 6.',
        task: SAMPLE_WORDS.emoji,
      },
      sections: {
        subjective: long(SAMPLE_WORDS.spanish, 40),
        objective: long('Both partners stayed in the room; affect regulated after the pause. Ambos se calmaron.', 30),
        assessment: long(SAMPLE_WORDS.english, 25),
        plan: 'Review the pause ritual next week. Revisar la pausa la semana próxima.',
      },
      partners: [
        { partnerId: SAMPLE_IDS.alex, presentation: 'Calm, engaged', riskLevel: 'none', riskNote: '' },
        {
          partnerId: SAMPLE_IDS.sam,
          presentation: 'Tearful at first, then settled',
          riskLevel: 'low',
          riskNote: 'No plan, no intent; safety plan reviewed.',
        },
      ],
    },
    createdAt: at(55),
    updatedAt: at(58),
    signed: { at: at(59), by: SAMPLE_IDS.therapist, name: 'Dr Rivera' },
    addenda: [
      { id: 'add-1', authorName: 'Dr Rivera', text: 'Corrección: Sam dijo «a veces», no «nunca».', createdAt: at(120) },
      { id: 'add-2', authorName: 'Dr Rivera', text: long('Follow-up call scheduled.', 5), createdAt: at(180) },
    ],
  };
}
