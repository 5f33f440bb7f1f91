import '../../styles/scripts.css';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { Loading } from '../../components/feedback';
import { useScriptRun } from './useScriptRun';
import { useSessionSocket } from '../session/useSessionSocket';

// Loaded on demand: the runner when an exercise runs, the therapist's starter when the tab is first shown.
const ScriptRunner = lazy(async () => ({ default: (await import('./ScriptRunner')).ScriptRunner }));
const ScriptStarter = lazy(async () => ({ default: (await import('./ScriptStarter')).ScriptStarter }));

/**
 * The "Exercise" tab of the workspace: the running exercise, or (therapist) what to start. `active`: the tab is
 * shown (the starter's code and script list load the first time it is).
 */
export function ScriptPanel({ role, active = true }: { role: Role; active?: boolean }) {
  const { t } = useTranslation();
  const { run, ended } = useScriptRun();
  // Only the clinician who runs the session starts an exercise.
  const runs = (useSessionSocket().self?.seat ?? 'lead') === 'lead';
  const [seen, setSeen] = useState(active);
  if (active && !seen) setSeen(true);
  return (
    <section className="script-panel" data-running={run ? 'true' : 'false'} aria-labelledby="script-panel-heading">
      <h3 id="script-panel-heading" className="visually-hidden">
        {t('scripts.panel')}
      </h3>
      <div className="script-panel-body">
        <p role="status" className={ended && !run ? 'muted' : 'visually-hidden'}>
          {ended && !run ? t('scripts.ended') : ''}
        </p>
        <Suspense fallback={<Loading />}>
          {run ? (
            <ScriptRunner run={run} role={role} />
          ) : role === 'therapist' && runs ? (
            seen ? (
              <ScriptStarter />
            ) : null
          ) : ended ? null : (
            <p className="muted">{t('scripts.none')}</p>
          )}
        </Suspense>
      </div>
    </section>
  );
}
