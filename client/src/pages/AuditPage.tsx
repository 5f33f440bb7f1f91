import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS } from '@tandem/shared';
import type { AuditPageDto, AuditQuery } from '@tandem/shared';
import { PendingButton } from '../components/PendingButton';
import { ErrorNotice, Loading } from '../components/feedback';
import { SelectField, TextInputField } from '../components/fields';
import { TherapistShell } from '../features/auth/TherapistShell';
import { api, auditQueryString } from '../lib/api';
import type { AppError } from '../lib/api';
import { downloadFile } from '../lib/download';
import { formatDateTime } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';

const ANY = 'any';
const DAY_MS = 24 * 60 * 60 * 1000;
const FILTERS = ['person', 'couple', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The filters as the server takes them: a local day range becomes [start of `from`, end of `to`). */
function toQuery(f: Filters, page: number): AuditQuery {
  const day = (d: string) => (d ? new Date(`${d}T00:00`).getTime() : undefined);
  const to = day(f.to);
  return {
    person: f.person || undefined,
    couple: f.couple || undefined,
    action: f.action || undefined,
    from: day(f.from),
    to: to === undefined ? undefined : to + DAY_MS,
    page: page > 1 ? page : undefined,
  };
}

const short = (id: string | null) => (id ? id.slice(0, 8) : '');

/** An action in words (the code itself for one this build has no words for, e.g. logged by a newer server). */
function actionLabel(t: TFunction, code: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(code) ? t(`security.audit.actions.${code}`) : code;
}

function AuditTable({ data }: { data: AuditPageDto }) {
  const { t, i18n } = useTranslation();
  const names = new Map([...data.people, ...data.couples].map((o) => [o.id, o.name]));
  if (data.rows.length === 0) return <p>{t('security.audit.empty')}</p>;
  return (
    <div className="audit-table-wrap" tabIndex={0} role="region" aria-label={t('security.audit.caption')}>
      <table className="audit-table">
        <caption className="visually-hidden">{t('security.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('security.audit.time')}</th>
            <th scope="col">{t('security.audit.actor')}</th>
            <th scope="col">{t('security.audit.actionColumn')}</th>
            <th scope="col">{t('security.audit.session')}</th>
            <th scope="col">{t('security.audit.target')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.at, i18n.language)}</td>
              <td>
                {t(`security.audit.actorTypes.${r.actorType}`)}
                {r.actorId ? <> · {names.get(r.actorId) ?? <code title={r.actorId}>{short(r.actorId)}</code>}</> : null}
              </td>
              <td>{actionLabel(t, r.action)}</td>
              <td>{r.sessionId ? <code title={r.sessionId}>{short(r.sessionId)}</code> : null}</td>
              <td>
                {r.targetId ? (names.get(r.targetId) ?? <code title={r.targetId}>{short(r.targetId)}</code>) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The practice's audit log, for its owner: filters in the address, a page at a time, CSV export. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('security.audit.title'), t('app.name'));
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = toQuery(applied, page);
  const key = `audit:${auditQueryString(query)}`;
  const result = useQuery(key, (signal) => api.audit(query, { signal }));
  const [draft, setDraft] = useState<Filters>(applied);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<AppError | null>(null);
  // The last answer stays up (filters' options included) while the next page loads.
  const [kept, setKept] = useState<AuditPageDto | undefined>(undefined);
  if (result.data && result.data !== kept) setKept(result.data);
  const data = result.data ?? kept;

  const go = (f: Filters, p: number) => {
    const next = new URLSearchParams();
    for (const k of FILTERS) if (f[k]) next.set(k, f[k]);
    if (p > 1) next.set('page', String(p));
    setParams(next);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(draft, 1);
  };
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    const res = await downloadFile(
      `/audit.csv?${auditQueryString({ ...query, page: undefined })}`,
      'tandem-audit-log.csv',
    );
    setExporting(false);
    if (!res.ok) setExportError(res.error);
  };
  const option = (id: string, label: string) => ({ id: id || ANY, label });
  const pick = (k: 'person' | 'couple' | 'action') => (v: string) =>
    setDraft((d) => ({ ...d, [k]: v === ANY ? '' : v }));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <TherapistShell width="wide">
      <div className="card">
        <h1>{t('security.audit.title')}</h1>
        <p className="lead">{t('security.audit.intro')}</p>
        <Form className="form audit-filters" onSubmit={submit} aria-label={t('security.audit.filters')}>
          <div className="audit-filter-grid">
            <SelectField
              label={t('security.audit.person')}
              value={draft.person || ANY}
              onChange={pick('person')}
              options={[option('', t('security.audit.any')), ...(data?.people ?? []).map((p) => option(p.id, p.name))]}
            />
            <SelectField
              label={t('security.audit.couple')}
              value={draft.couple || ANY}
              onChange={pick('couple')}
              options={[option('', t('security.audit.any')), ...(data?.couples ?? []).map((c) => option(c.id, c.name))]}
            />
            <SelectField
              label={t('security.audit.action')}
              value={draft.action || ANY}
              onChange={pick('action')}
              options={[
                option('', t('security.audit.any')),
                ...(data?.actions ?? []).map((a) => option(a, actionLabel(t, a))),
              ]}
            />
            <TextInputField
              label={t('security.audit.from')}
              name="from"
              type="date"
              value={draft.from}
              onChange={(v) => setDraft((d) => ({ ...d, from: v }))}
            />
            <TextInputField
              label={t('security.audit.to')}
              name="to"
              type="date"
              value={draft.to}
              onChange={(v) => setDraft((d) => ({ ...d, to: v }))}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary">
              {t('security.audit.apply')}
            </Button>
            <Button
              className="btn btn-quiet"
              onPress={() => {
                const empty = { person: '', couple: '', action: '', from: '', to: '' };
                setDraft(empty);
                go(empty, 1);
              }}
            >
              {t('security.audit.reset')}
            </Button>
            <PendingButton className="btn btn-secondary" pending={exporting} onPress={() => void exportCsv()}>
              {t('security.audit.export')}
            </PendingButton>
          </div>
          <ErrorNotice error={exportError} />
        </Form>
        {result.loading ? <Loading /> : null}
        <ErrorNotice error={result.error} onRetry={result.reload} />
        {data ? (
          <section className="section" aria-labelledby="audit-entries" aria-busy={result.loading}>
            <h2 id="audit-entries" aria-live="polite" className="audit-summary">
              {t('security.audit.summary', { count: data.total, page: data.page, pages })}
            </h2>
            <AuditTable data={data} />
            <nav className="form-actions" aria-label={t('security.audit.pages')}>
              <Button className="btn btn-secondary" isDisabled={page <= 1} onPress={() => go(applied, page - 1)}>
                {t('security.audit.prev')}
              </Button>
              <Button className="btn btn-secondary" isDisabled={page >= pages} onPress={() => go(applied, page + 1)}>
                {t('security.audit.next')}
              </Button>
            </nav>
          </section>
        ) : null}
      </div>
    </TherapistShell>
  );
}
