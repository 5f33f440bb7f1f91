import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageShell } from '../components/PageShell';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'), t('app.name'));
  return (
    <PageShell width="narrow">
      <div className="card card-center">
        <h1>{t('notFound.title')}</h1>
        <p className="lead">{t('notFound.body')}</p>
        <Link to="/" className="btn btn-secondary">
          {t('notFound.home')}
        </Link>
      </div>
    </PageShell>
  );
}

/** The router's error boundary: a calm message instead of a blank page. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <PageShell width="narrow">
      <div className="card card-center">
        <h1>{t('crash.title')}</h1>
        <p role="alert" className="lead">
          {t('crash.body')}
        </p>
        <a href="/" className="btn btn-secondary">
          {t('common.reload')}
        </a>
      </div>
    </PageShell>
  );
}
