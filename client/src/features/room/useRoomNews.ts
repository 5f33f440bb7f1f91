import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contentFor } from '@tandem/shared';
import type { Role } from '@tandem/shared';
import { useScriptRun } from '../scripts/useScriptRun';
import { useTimers } from '../timers/TimersProvider';
import type { RoomLayout } from './useRoomLayout';

export type RoomTabId = 'call' | 'map' | 'exercise' | 'private';

/**
 * What a person should notice without looking for it: an exercise that starts while another tab is open
 * (a badge on the Exercise tab, a short announcement, and on a phone the Exercise tab opens if the call
 * tab was showing), and a pause (announced by the pause card itself; noted here for the tab badge).
 */
export function useRoomNews(role: Role, layout: RoomLayout, tab: RoomTabId, setTab: (tab: RoomTabId) => void) {
  const { t, i18n } = useTranslation();
  const { run } = useScriptRun();
  const { view } = useTimers();
  const [unseenExercise, setUnseenExercise] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [seenRunId, setSeenRunId] = useState<string | null>(null);
  const paused = view?.pause != null;
  const runId = run?.id ?? null;

  // Adjusted while rendering (not in an effect): only a new run is news, tab changes alone are not.
  if (runId !== seenRunId) {
    setSeenRunId(runId);
    if (runId !== null && run && role !== 'therapist') {
      const name = contentFor(run.contents, i18n.language, run.language)?.name ?? '';
      setAnnouncement(t('room.news.exerciseStarted', { name }));
      if (layout === 'phone' && tab === 'call') setTab('exercise');
      else if (tab !== 'exercise') setUnseenExercise(true);
    }
  }
  if (unseenExercise && tab === 'exercise') setUnseenExercise(false);

  return {
    exerciseBadge: unseenExercise && tab !== 'exercise' ? t('room.news.new') : null,
    running: runId !== null,
    paused,
    announcement,
  };
}
