import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import '../../styles/scripts.css';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { ScriptRunner } from './ScriptRunner';
import { ScriptStarter } from './ScriptStarter';
import { useScriptRun } from './useScriptRun';

/** The "Exercise" section of the workspace: a collapsible panel that can sit beside the map. */
export function ScriptPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { run, ended } = useScriptRun();
  return (
    <Disclosure className="script-panel" defaultExpanded data-running={run ? 'true' : 'false'}>
      <Heading level={3} className="script-panel-heading">
        <Button slot="trigger" className="disclosure-trigger">
          <span className="disclosure-chevron" aria-hidden="true" />
          {t('scripts.panel')}
        </Button>
      </Heading>
      <DisclosurePanel className="script-panel-body">
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
      </DisclosurePanel>
    </Disclosure>
  );
}
