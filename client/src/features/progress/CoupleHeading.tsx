import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

type Page = 'plan' | 'progress';
const OTHER: Record<Page, Page> = { plan: 'progress', progress: 'plan' };

/**
 * The plan and progress pages' top: back to the couple, the heading with the couple's name, a link to the other
 * page; and the document's title.
 */
export function CoupleHeading({ page, coupleId, coupleName }: { page: Page; coupleId: string; coupleName?: string }) {
  const { t } = useTranslation();
  const title = t(page === 'plan' ? 'progress.planTitle' : 'progress.progressTitle');
  useDocumentTitle(coupleName ? `${title} · ${coupleName}` : title, t('app.name'));
  const other = OTHER[page];
  return (
    <>
      {coupleName ? (
        <p className="breadcrumb">
          <Link to={`/couples/${coupleId}`}>{t('progress.backToCouple', { name: coupleName })}</Link>
        </p>
      ) : null}
      <div className="page-heading">
        <h1>
          {coupleName
            ? t(page === 'plan' ? 'progress.planHeading' : 'progress.progressHeading', { name: coupleName })
            : title}
        </h1>
        <div className="page-actions">
          <Link to={`/couples/${coupleId}/${other}`} className="btn btn-secondary">
            {t(other === 'plan' ? 'progress.openPlan' : 'progress.openProgress')}
          </Link>
        </div>
      </div>
    </>
  );
}

/** The partners' names by slot (A and B until they are loaded). */
export function usePartnerNames(partners: { slot: 'a' | 'b'; name: string }[] | undefined): { a: string; b: string } {
  return useMemo(
    () => ({
      a: partners?.find((p) => p.slot === 'a')?.name ?? 'A',
      b: partners?.find((p) => p.slot === 'b')?.name ?? 'B',
    }),
    [partners],
  );
}
