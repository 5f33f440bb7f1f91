import { describe, expect, it } from 'vitest';
import { mainPerson, placeTiles, speakersAfter } from './speakerView';
import type { Speakers } from './speakerView';

describe('the speaker view', () => {
  it('shows the pinned person large whoever speaks', () => {
    expect(mainPerson(['alex', 'sam'], 'sam', 'alex')).toBe('sam');
  });

  it('falls back to who spoke last, then to the first person, when the pinned one has left', () => {
    expect(mainPerson(['alex', 'sam'], 'gone', 'sam')).toBe('sam');
    expect(mainPerson(['alex', 'sam'], null, 'gone')).toBe('alex');
    expect(mainPerson([], 'sam', 'sam')).toBeNull();
  });

  it('makes one tile large and the others small, the self view small in its corner', () => {
    const places = placeTiles('speaker', 'me', ['alex', 'sam'], 'sam', null);
    expect(places.get('sam')).toEqual({ size: 'large', order: 0, slot: null });
    expect(places.get('alex')).toEqual({ size: 'small', order: 1, slot: 1 });
    expect(places.get('me')).toEqual({ size: 'small', order: 3, slot: 0 });
  });

  it('gives everyone else the same size in gallery view, the self view still small and last', () => {
    const places = placeTiles('gallery', 'me', ['alex', 'sam'], 'sam', 'alex');
    expect(places.get('alex')?.size).toBe('equal');
    expect(places.get('sam')?.size).toBe('equal');
    expect(places.get('me')).toEqual({ size: 'small', order: 3, slot: 0 });
  });
});

describe('following who speaks', () => {
  const quiet: Speakers = { speaking: [], shown: null };

  it('shows the first voice and keeps it after they stop', () => {
    const a = speakersAfter(quiet, 'alex', true);
    expect(a.shown).toBe('alex');
    expect(speakersAfter(a, 'alex', false)).toEqual({ speaking: [], shown: 'alex' });
  });

  it('does not move to a second voice while the first still speaks, and moves when the first stops', () => {
    const both = speakersAfter(speakersAfter(quiet, 'alex', true), 'sam', true);
    expect(both.shown).toBe('alex');
    expect(speakersAfter(both, 'alex', false).shown).toBe('sam');
  });

  it('moves to a new voice once the one shown is quiet', () => {
    const s = speakersAfter(speakersAfter(quiet, 'alex', true), 'alex', false);
    expect(speakersAfter(s, 'sam', true).shown).toBe('sam');
  });
});
