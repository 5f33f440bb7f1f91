import '../../styles/scripts.css';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { ScriptRunner } from './ScriptRunner';
import { ScriptStarter } from './ScriptStarter';
import { useScriptRun } from './useScriptRun';

/** The "Exercise" tab of the workspace: the running exercise, or (therapist) what to start. */
export function ScriptPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { run, ended } = useScriptRun();
  return (
    <section className="script-panel" data-running={run ? 'true' : 'false'} aria-labelledby="script-panel-heading">
      <h3 id="script-panel-heading" className="visually-hidden">
        {t('scripts.panel')}
      </h3>
      <div className="script-panel-body">
        <p role="status" className={ended && !run ? 'muted' : 'visually-hidden'}>
          {ended && !run ? t('scripts.ended') : ''}
        </p>
        {run ? (
          <ScriptRunner run={run} role={role} />
        ) : role === 'therapist' ? (
          <ScriptStarter />
        ) : ended ? null : (
          <p className="muted">{t('scripts.none')}</p>
        )}
      </div>
    </section>
  );
}
