import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { contentFor } from '@tandem/shared';
import type { ScriptDto } from '@tandem/shared';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { scriptsApi } from '../features/scripts/scriptsApi';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';

/** /scripts — the built-in library and the therapist's own scripts. */
export function ScriptsPage() {
  const { t, i18n } = useTranslation();
  const scripts = useQuery('scripts', (signal) => scriptsApi.list({ signal }));
  useDocumentTitle(t('scripts.library.title'), t('app.name'));

  const item = (s: ScriptDto) => {
    const c = contentFor(s.contents, i18n.language, s.language);
    if (!c) return null;
    return (
      <li key={s.id} className="card script-item" data-script={s.id}>
        <h3>{c.name}</h3>
        <p className="muted">{c.purpose}</p>
        <p className="muted">{t('scripts.library.steps', { count: c.steps.length })}</p>
        <div className="script-item-actions">
          <Link className="btn btn-secondary btn-small" to={`/scripts/new?from=${encodeURIComponent(s.id)}`}>
            {t('scripts.library.duplicate', { name: c.name })}
          </Link>
          {s.builtin ? null : (
            <>
              <Link className="btn btn-secondary btn-small" to={`/scripts/${s.id}/edit`}>
                {t('scripts.library.edit', { name: c.name })}
              </Link>
              <ConfirmDialog
                triggerLabel={t('scripts.library.delete', { name: c.name })}
                triggerClassName="btn btn-quiet btn-small"
                title={t('scripts.library.deleteTitle')}
                body={t('scripts.library.deleteBody')}
                confirmLabel={t('scripts.library.delete', { name: c.name })}
                onConfirm={async () => {
                  const res = await scriptsApi.remove(s.id);
                  if (!res.ok) return res.error;
                  scripts.setData((list) => list.filter((x) => x.id !== s.id));
                  return null;
                }}
              />
            </>
          )}
        </div>
      </li>
    );
  };

  const list = scripts.data ?? [];
  const own = list.filter((s) => !s.builtin);
  return (
    <TherapistShell>
      <div className="page-heading-row">
        <h1>{t('scripts.library.title')}</h1>
        <Link className="btn btn-primary" to="/scripts/new">
          {t('scripts.library.new')}
        </Link>
      </div>
      <p className="lead">{t('scripts.library.intro')}</p>
      {scripts.loading ? <Loading /> : null}
      <ErrorNotice error={scripts.error} onRetry={scripts.reload} />
      {scripts.data ? (
        <>
          <h2>{t('scripts.library.own')}</h2>
          {own.length ? (
            <ul className="script-list">{own.map(item)}</ul>
          ) : (
            <p className="muted">{t('scripts.library.noneOwn')}</p>
          )}
          <h2>{t('scripts.library.builtin')}</h2>
          <ul className="script-list">{list.filter((s) => s.builtin).map(item)}</ul>
        </>
      ) : null}
    </TherapistShell>
  );
}
