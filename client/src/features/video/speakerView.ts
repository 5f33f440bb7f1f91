/**
 * Who is shown how in the call: gallery (everyone else at the same size) or speaker view (one person large, the
 * rest small). The self view is small in both. Pure functions, so the choice is tested without a call.
 */
export type VideoView = 'gallery' | 'speaker';
export type TileSize = 'large' | 'equal' | 'small';

export interface TilePlace {
  size: TileSize;
  /** Visual order (the DOM keeps its order so no video element is moved). */
  order: number;
  /** Small tiles only: 0 is the self view in the corner, then the others beside it. */
  slot: number | null;
}

/** Who takes the large tile: the pinned person while in the call, else who spoke last, else the first. */
export function mainPerson(
  others: readonly string[],
  pinned: string | null,
  lastSpeaker: string | null,
): string | null {
  if (pinned !== null && others.includes(pinned)) return pinned;
  if (lastSpeaker !== null && others.includes(lastSpeaker)) return lastSpeaker;
  return others[0] ?? null;
}

/** Every tile's size and place, for the self view and the others (in the order they are listed). */
export function placeTiles(
  view: VideoView,
  selfId: string,
  others: readonly string[],
  pinned: string | null,
  lastSpeaker: string | null,
): Map<string, TilePlace> {
  const places = new Map<string, TilePlace>();
  const main = view === 'speaker' ? mainPerson(others, pinned, lastSpeaker) : null;
  let slot = 1;
  others.forEach((id, i) => {
    if (view === 'gallery') places.set(id, { size: 'equal', order: i + 1, slot: null });
    else if (id === main) places.set(id, { size: 'large', order: 0, slot: null });
    else places.set(id, { size: 'small', order: i + 1, slot: slot++ });
  });
  places.set(selfId, { size: 'small', order: others.length + 1, slot: 0 });
  return places;
}

export interface Speakers {
  /** Who is speaking now (others only). */
  speaking: readonly string[];
  /** Who the speaker view shows. */
  shown: string | null;
}

/**
 * Someone started or stopped speaking. The speaker view moves to a new voice only once the person shown has
 * stopped, so two people talking over each other do not make the large tile flicker between them.
 */
export function speakersAfter(state: Speakers, id: string, speaking: boolean): Speakers {
  const others = state.speaking.filter((s) => s !== id);
  if (speaking) {
    const shownSpeaking = state.shown !== null && state.shown !== id && others.includes(state.shown);
    return { speaking: [...others, id], shown: shownSpeaking ? state.shown : id };
  }
  const shown = state.shown === id && others.length > 0 ? (others[0] ?? null) : state.shown;
  return { speaking: others, shown };
}
