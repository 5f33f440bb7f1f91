import { useTranslation } from 'react-i18next';
import { BREATHING_PATTERNS, GROUNDING_SENSES } from '@tandem/shared';
import type { PauseExercise } from '@tandem/shared';

/** Which breathing phase, and which second of it, at `elapsedMs` into the pause (the same on every screen). */
export function breathAt(exercise: Exclude<PauseExercise, 'grounding'>, elapsedMs: number) {
  const phases = BREATHING_PATTERNS[exercise];
  const cycle = phases.reduce((sum, p) => sum + p.seconds, 0);
  let t = Math.floor(Math.max(0, elapsedMs) / 1000) % cycle;
  for (const [index, p] of phases.entries()) {
    if (t < p.seconds) return { index, phase: p.phase, seconds: p.seconds, count: t + 1 };
    t -= p.seconds;
  }
  const first = phases[0] ?? { phase: 'in' as const, seconds: 4 };
  return { index: 0, phase: first.phase, seconds: first.seconds, count: 1 };
}

/**
 * The guided exercise: a slowly growing and shrinking circle with the phase and its count in words.
 * With prefers-reduced-motion the circle stays still (CSS) and only the count changes.
 */
export function ExerciseGuide({ exercise, elapsedMs }: { exercise: PauseExercise; elapsedMs: number }) {
  const { t } = useTranslation();
  if (exercise === 'grounding') {
    return (
      <ol className="grounding-list" aria-label={t('timers.exercise.grounding')}>
        {GROUNDING_SENSES.map((s) => (
          <li key={s.sense}>
            <span className="grounding-count" aria-hidden="true">
              {s.count}
            </span>
            {t(`timers.exercise.${s.sense}`)}
          </li>
        ))}
      </ol>
    );
  }
  const b = breathAt(exercise, elapsedMs);
  const pattern = BREATHING_PATTERNS[exercise].map((p) => p.seconds).join('-');
  return (
    <div className="breath" data-phase={b.phase} data-phase-index={b.index}>
      <div className="breath-circle" style={{ ['--phase-seconds' as string]: `${b.seconds}s` }} aria-hidden="true" />
      <p className="breath-count">
        {t('timers.exercise.count', { phase: t(`timers.exercise.${b.phase}`), count: b.count })}
      </p>
      <p className="muted breath-pattern">{t('timers.exercise.pattern', { pattern })}</p>
    </div>
  );
}
