import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contentFor, scriptFitsSession } from '@tandem/shared';
import { ErrorNotice, Loading } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import { PendingButton } from '../../components/PendingButton';
import type { AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useSessionSocket } from '../session/useSessionSocket';
import { scriptsApi } from './scriptsApi';

/** Therapist: pick a script, give each role to a partner, start. */
export function ScriptStarter() {
  const { t, i18n } = useTranslation();
  const { participants, emitWithAck, connection, snapshot } = useSessionSocket();
  const scripts = useQuery('scripts', (signal) => scriptsApi.list({ signal }));
  const [scriptId, setScriptId] = useState<string | null>(null);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const partners = participants.filter((p) => p.role === 'partner' && p.status !== 'declined');

  if (!scripts.data) {
    return scripts.loading ? <Loading /> : <ErrorNotice error={scripts.error} onRetry={scripts.reload} />;
  }
  const kind = snapshot?.kind ?? 'joint';
  // Only scripts each of whose roles can go to a different partner (none with two roles in an individual session).
  const list = scripts.data.filter((s) => {
    const content = contentFor(s.contents, i18n.language, s.language);
    return !content || scriptFitsSession(content, kind);
  });
  if (list.length === 0) return <p className="muted">{t('scripts.noneFits')}</p>;
  const chosen = list.find((s) => s.id === scriptId) ?? list[0];
  if (!chosen) return null;
  const content = contentFor(chosen.contents, i18n.language, chosen.language);
  if (!content) return null;
  const assignments = Object.fromEntries(
    content.roles.map((r, i) => [r.id, picked[r.id] ?? partners[i % Math.max(1, partners.length)]?.id ?? '']),
  );
  const complete = Object.values(assignments).every((v) => v !== '');

  const start = async () => {
    setPending(true);
    setError(null);
    const res = await emitWithAck('script:start', { scriptId: chosen.id, assignments });
    setPending(false);
    if (!res.ok) setError(res.error);
  };

  return (
    <div className="script-starter">
      <p className="muted">{t('scripts.noneTherapist')}</p>
      <SelectField
        label={t('scripts.choose')}
        options={list.map((s) => ({
          id: s.id,
          label: contentFor(s.contents, i18n.language, s.language)?.name ?? s.id,
        }))}
        value={chosen.id}
        onChange={(id) => {
          setScriptId(id);
          setPicked({});
        }}
      />
      <p className="script-purpose">{content.purpose}</p>
      <div className="script-assign">
        {content.roles.map((r) => (
          <SelectField
            key={r.id}
            label={t('scripts.assign', { role: r.name })}
            options={partners.map((p) => ({ id: p.id, label: p.name }))}
            value={assignments[r.id] ?? ''}
            onChange={(id) => setPicked((prev) => ({ ...prev, [r.id]: id }))}
          />
        ))}
      </div>
      <ErrorNotice error={error} />
      <PendingButton
        className="btn btn-primary"
        pending={pending}
        isDisabled={!complete || connection !== 'connected'}
        onPress={() => void start()}
      >
        {t('scripts.start')}
      </PendingButton>
    </div>
  );
}
