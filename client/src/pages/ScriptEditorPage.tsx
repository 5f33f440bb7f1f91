import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { contentFor } from '@tandem/shared';
import type { Language, ScriptBody, ScriptDto } from '@tandem/shared';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { ScriptEditor } from '../features/scripts/ScriptEditor';
import { scriptsApi } from '../features/scripts/scriptsApi';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';
import type { ApiResult } from '../lib/api';

function blank(language: Language, t: (k: string, o?: Record<string, unknown>) => string): ScriptBody {
  return {
    language,
    content: {
      name: '',
      purpose: '',
      roles: [
        { id: 'speaker', name: t('scripts.editor.roleName', { n: 1 }) },
        { id: 'listener', name: t('scripts.editor.roleName', { n: 2 }) },
      ],
      steps: [{ title: '', turn: 'speaker', prompts: { speaker: '', listener: '' }, stems: [], seconds: 60 }],
    },
  };
}

function bodyOf(script: ScriptDto, language: string, copy: string | null): ScriptBody | null {
  const content = contentFor(script.contents, language, script.language);
  if (!content) return null;
  const lang = script.contents[language as Language] ? (language as Language) : script.language;
  return { language: lang, content: copy ? { ...content, name: copy.replace('{{name}}', content.name) } : content };
}

/** /scripts/new[?from=<id>] and /scripts/:scriptId/edit */
export function ScriptEditorPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { scriptId } = useParams();
  const [params] = useSearchParams();
  const justCreated = (useLocation().state as { created?: boolean } | null)?.created === true;
  const from = params.get('from');
  const sourceId = scriptId ?? from;
  const source = useQuery(sourceId ? `script:${sourceId}` : 'script:blank', (signal) =>
    sourceId
      ? scriptsApi.get(sourceId, { signal })
      : Promise.resolve<ApiResult<ScriptDto | null>>({ ok: true, data: null }),
  );
  const title = scriptId ? t('scripts.editor.titleEdit') : t('scripts.editor.titleNew');
  useDocumentTitle(title, t('app.name'));

  const initial =
    source.data === undefined
      ? null
      : source.data === null
        ? blank(i18n.language === 'es' ? 'es' : 'en', t)
        : bodyOf(source.data, i18n.language, scriptId ? null : t('scripts.library.copyOf', { name: '{{name}}' }));

  const save = async (body: ScriptBody) => {
    const res = scriptId ? await scriptsApi.update(scriptId, body) : await scriptsApi.create(body);
    if (!res.ok) return res.error;
    if (!scriptId) void navigate(`/scripts/${res.data.id}/edit`, { replace: true, state: { created: true } });
    return null;
  };

  return (
    <TherapistShell width="narrow">
      <Link to="/scripts">{t('scripts.editor.back')}</Link>
      <h1>{title}</h1>
      {source.loading ? <Loading /> : null}
      <ErrorNotice error={source.error} onRetry={source.reload} />
      {initial ? (
        <ScriptEditor key={sourceId ?? 'new'} initial={initial} onSave={save} initiallySaved={justCreated} />
      ) : null}
    </TherapistShell>
  );
}
