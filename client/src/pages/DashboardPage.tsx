import { Checkbox } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CoupleDto } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { formatList } from '../lib/format';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { POLICY_KEYS } from '../features/couples/policy';
import { ScheduleSection } from '../features/schedule/ScheduleSection';

function CoupleItem({ couple }: { couple: CoupleDto }) {
  const { t, i18n } = useTranslation();
  const names = formatList(
    couple.partners.map((p) => p.displayName),
    i18n.language,
  );
  return (
    <li className="couple-item" data-couple={couple.name}>
      <Link to={`/couples/${couple.id}`} className="couple-link">
        {couple.name}
      </Link>
      <span className="muted">{names}</span>
      <span className="muted">{t(POLICY_KEYS[couple.policy].name)}</span>
      {couple.archived ? <span className="badge">{t('couples.archivedBadge')}</span> : null}
    </li>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const showArchived = params.get('archived') === '1';
  const couples = useQuery(`couples:${showArchived}`, (signal) => api.listCouples(showArchived, { signal }));
  useDocumentTitle(t('dashboard.title'), t('app.name'));

  return (
    <TherapistShell>
      <div className="page-heading">
        <h1>{t('dashboard.title')}</h1>
        <Link to="/couples/new" className="btn btn-primary">
          {t('dashboard.newCouple')}
        </Link>
      </div>
      <ScheduleSection couples={couples.data ?? null} />
      <Checkbox
        className="checkbox"
        isSelected={showArchived}
        onChange={(value) => setParams(value ? { archived: '1' } : {}, { replace: true })}
      >
        <span className="checkbox-box" aria-hidden="true" />
        {t('dashboard.showArchived')}
      </Checkbox>
      <section aria-labelledby="couples-heading" className="section" aria-busy={couples.loading}>
        <h2 id="couples-heading" className="visually-hidden">
          {showArchived ? t('dashboard.listHeadingArchived') : t('dashboard.listHeading')}
        </h2>
        {couples.loading ? <Loading /> : null}
        <ErrorNotice error={couples.error} onRetry={couples.reload} />
        {couples.data && couples.data.length === 0 ? (
          <p className="empty">{showArchived ? t('dashboard.emptyArchived') : t('dashboard.empty')}</p>
        ) : null}
        {couples.data && couples.data.length > 0 ? (
          <ul className="couple-list">
            {couples.data.map((couple) => (
              <CoupleItem key={couple.id} couple={couple} />
            ))}
          </ul>
        ) : null}
      </section>
    </TherapistShell>
  );
}
