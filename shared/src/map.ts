/**
 * The conflict-cycle map as data (DOMAIN.md §3). In the Yjs doc:
 *   doc.getMap('nodes'): Y.Map<Y.Map>  id -> { kind, side, label, x, y }
 *   doc.getMap('edges'): Y.Map<Y.Map>  id -> { source, target }
 * Templates are plain data here; the client writes them into the doc.
 */
import type { Language } from './domain.js';

export const CYCLE_NODE_KINDS = [
  'trigger',
  'action',
  'perception',
  'reactive-emotion',
  'underlying-emotion',
  'need',
  'note',
] as const;
export type CycleNodeKind = (typeof CYCLE_NODE_KINDS)[number];

/** Whose lane a node sits in. */
export const MAP_SIDES = ['a', 'b', 'shared'] as const;
export type MapSide = (typeof MAP_SIDES)[number];

export interface MapNodeData {
  kind: CycleNodeKind;
  side: MapSide;
  label: string;
  x: number;
  y: number;
}

export interface MapEdgeData {
  source: string;
  target: string;
}

/** Order of the steps in one partner's lane, top to bottom, and their rows. */
export const LANE_ORDER: readonly CycleNodeKind[] = [
  'trigger',
  'perception',
  'reactive-emotion',
  'action',
  'underlying-emotion',
  'need',
];
export const LANE_X: Record<MapSide, number> = { a: 0, shared: 320, b: 640 };
export const ROW_HEIGHT = 130;

export const MAP_TEMPLATE_IDS = ['pursue-withdraw', 'withdraw-withdraw', 'attack-attack', 'blank'] as const;
export type MapTemplateId = (typeof MAP_TEMPLATE_IDS)[number];

type Localized = Record<Language, string>;
type LaneText = Partial<Record<CycleNodeKind, Localized>>;

/** Our own words for the common cycle shapes; `{name}` is the partner's name. */
const LANES: Record<'pursue' | 'withdraw' | 'attack', LaneText> = {
  pursue: {
    trigger: { en: '{name} reaches out and gets no answer', es: '{name} busca contacto y no hay respuesta' },
    perception: { en: '“I don’t matter to you”', es: '“No te importo”' },
    'reactive-emotion': { en: 'Frustration, anger', es: 'Frustración, enojo' },
    action: { en: '{name} criticises, pushes, follows', es: '{name} critica, insiste, persigue' },
    'underlying-emotion': { en: 'Fear of being alone', es: 'Miedo a la soledad' },
    need: { en: '“Are you there for me?”', es: '“¿Estás ahí para mí?”' },
  },
  withdraw: {
    trigger: {
      en: '{name} hears criticism or “we need to talk”',
      es: '{name} escucha críticas o “tenemos que hablar”',
    },
    perception: { en: '“I always fail”', es: '“Siempre fallo”' },
    'reactive-emotion': { en: 'Numbness, shutting down', es: 'Entumecimiento, bloqueo' },
    action: { en: '{name} goes quiet, leaves the room', es: '{name} se calla, se va' },
    'underlying-emotion': { en: 'Shame, fear of failing', es: 'Vergüenza, miedo a fallar' },
    need: { en: '“Accept me as I am”', es: '“Acéptame como soy”' },
  },
  attack: {
    trigger: { en: '{name} feels blamed', es: '{name} siente que le echan la culpa' },
    perception: { en: '“It’s your fault”', es: '“Es tu culpa”' },
    'reactive-emotion': { en: 'Anger, contempt', es: 'Enojo, desprecio' },
    action: { en: '{name} blames back, raises the voice', es: '{name} culpa de vuelta, sube la voz' },
    'underlying-emotion': { en: 'Hurt, fear of not being valued', es: 'Dolor, miedo a que no le valoren' },
    need: { en: '“See my side, value me”', es: '“Mira mi lado, valórame”' },
  },
};

const SHAPES: Record<Exclude<MapTemplateId, 'blank'>, { a: keyof typeof LANES; b: keyof typeof LANES }> = {
  'pursue-withdraw': { a: 'pursue', b: 'withdraw' },
  'withdraw-withdraw': { a: 'withdraw', b: 'withdraw' },
  'attack-attack': { a: 'attack', b: 'attack' },
};

export interface TemplateNode extends MapNodeData {
  /** Stable key within the template, used by edges. */
  key: string;
}
export interface TemplateEdge {
  from: string;
  to: string;
}
export interface BuiltTemplate {
  nodes: TemplateNode[];
  edges: TemplateEdge[];
}

/** The skeleton of a cycle with both partners' names filled in, in one language. */
export function buildTemplate(id: MapTemplateId, names: { a: string; b: string }, lang: Language): BuiltTemplate {
  if (id === 'blank') return { nodes: [], edges: [] };
  const shape = SHAPES[id];
  const nodes: TemplateNode[] = [];
  const edges: TemplateEdge[] = [];
  for (const side of ['a', 'b'] as const) {
    const lane = LANES[shape[side]];
    LANE_ORDER.forEach((kind, row) => {
      const text = lane[kind];
      if (!text) return;
      nodes.push({
        key: `${side}-${kind}`,
        kind,
        side,
        label: text[lang].replaceAll('{name}', names[side]),
        x: LANE_X[side],
        y: row * ROW_HEIGHT,
      });
    });
    // trigger -> meaning -> reactive emotion -> action; beneath the reactive emotion, the softer one and the need.
    edges.push(
      { from: `${side}-trigger`, to: `${side}-perception` },
      { from: `${side}-perception`, to: `${side}-reactive-emotion` },
      { from: `${side}-reactive-emotion`, to: `${side}-action` },
      { from: `${side}-reactive-emotion`, to: `${side}-underlying-emotion` },
      { from: `${side}-underlying-emotion`, to: `${side}-need` },
    );
  }
  // The loop: each partner's action is the other's trigger.
  edges.push({ from: 'a-action', to: 'b-trigger' }, { from: 'b-action', to: 'a-trigger' });
  return { nodes, edges };
}

/**
 * A card's words in another language when they are still a template's words (in any language, with these
 * names): the Spanish screen shows a template inserted from an English one in Spanish. Words someone
 * changed are theirs and stay as written.
 */
export function translateTemplateLabel(label: string, names: { a: string; b: string }, lang: Language): string {
  if (!label) return label;
  for (const lane of Object.values(LANES)) {
    for (const text of Object.values(lane)) {
      if (!text) continue;
      for (const from of Object.values(text)) {
        for (const name of [names.a, names.b]) {
          if (from.replaceAll('{name}', name) === label) return text[lang].replaceAll('{name}', name);
        }
      }
    }
  }
  return label;
}

export interface OutlineStep {
  kind: CycleNodeKind;
  label: string;
}
export interface OutlineLane {
  side: MapSide;
  steps: OutlineStep[];
}

/**
 * A text outline of the cycle for screen readers: per lane, the nodes in cycle order
 * (trigger → perception → emotions → action → need), then free notes.
 */
export function cycleOutline(nodes: Iterable<MapNodeData>): OutlineLane[] {
  const lanes = new Map<MapSide, OutlineStep[]>();
  const rank = (k: CycleNodeKind) => (k === 'note' ? 99 : LANE_ORDER.indexOf(k));
  const sorted = [...nodes].sort((p, q) => rank(p.kind) - rank(q.kind) || p.y - q.y || p.x - q.x);
  for (const n of sorted) {
    const list = lanes.get(n.side) ?? [];
    list.push({ kind: n.kind, label: n.label });
    lanes.set(n.side, list);
  }
  return (['a', 'b', 'shared'] as const)
    .filter((s) => lanes.has(s))
    .map((side) => ({ side, steps: lanes.get(side) ?? [] }));
}

/**
 * What a doc may hold (issue 11, item 1): the server checks every update of every doc against these, for
 * everyone (a therapist's compromised browser must not brick a doc either), and refuses an update that would
 * break one; the client's inputs respect the same numbers.
 */
export const DOC_LIMITS = {
  /** A card's words on the map or a board. */
  labelChars: 500,
  /** Cards on one map or board. */
  cards: 400,
  /** Connections on one map or board. */
  connections: 800,
  /** A map key (a card's or connection's id: a UUID). */
  keyChars: 64,
  /** A partner's free notes, and each field of the therapist's session note. */
  privateTextChars: 20_000,
  /** Each session-prep answer on a partner's panel. */
  prepTextChars: 500,
} as const;

/** Show a counter under a text input once this share of its limit is used. */
export const NEAR_LIMIT = 0.8;

/** The prep questions on a partner's panel (`prep` map of Y.Text). */
export const PREP_FIELDS = ['conflict', 'goal', 'hear'] as const;
/** The fields of the therapist's structured session note (`note` map of Y.Text). */
export const NOTE_FIELDS = ['checkIn', 'cycle', 'skill', 'task', 'risk', 'plan', 'free'] as const;
/** The fields a card holds (`nodes` map of Y.Map). */
export const CARD_FIELDS = ['kind', 'side', 'label', 'x', 'y'] as const;

/** What a partner may share from their private panel to the room: their notes, or "what I want my partner to hear". */
export const SHARE_FIELDS = ['notes', 'hear'] as const;
export type ShareField = (typeof SHARE_FIELDS)[number];
