import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CoupleDto, CreateCoupleBody } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { CoupleForm } from '../features/couples/CoupleForm';
import type { CoupleFormValues } from '../features/couples/CoupleForm';

function toFormValues(couple: CoupleDto): CoupleFormValues | undefined {
  const a = couple.partners.find((p) => p.slot === 'a') ?? couple.partners[0];
  const b = couple.partners.find((p) => p.slot === 'b') ?? couple.partners[1];
  if (!a || !b) return undefined;
  const contact = (id: string) => {
    const c = couple.contacts.find((x) => x.partnerId === id);
    return { email: c?.email ?? null, timeZone: c?.timeZone ?? null };
  };
  return {
    name: couple.name,
    policy: couple.policy,
    partners: [
      { displayName: a.displayName, language: a.language, ...contact(a.id) },
      { displayName: b.displayName, language: b.language, ...contact(b.id) },
    ],
  };
}

export function NewCouplePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('coupleForm.newTitle'), t('app.name'));

  const create = async (body: CreateCoupleBody) => {
    const result = await api.createCouple(body);
    if (!result.ok) return result.error;
    void navigate(`/couples/${result.data.id}`);
    return null;
  };

  return (
    <TherapistShell width="narrow">
      <h1>{t('coupleForm.newTitle')}</h1>
      <CoupleForm cancelHref="/" onSubmit={create} />
    </TherapistShell>
  );
}

export function EditCouplePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { coupleId = '' } = useParams();
  const couple = useQuery(`couple:${coupleId}`, (signal) => api.getCouple(coupleId, { signal }));
  useDocumentTitle(t('coupleForm.editTitle'), t('app.name'));

  const save = async (body: CreateCoupleBody) => {
    const result = await api.updateCouple(coupleId, body);
    if (!result.ok) return result.error;
    void navigate(`/couples/${coupleId}`);
    return null;
  };

  return (
    <TherapistShell width="narrow">
      <h1>{t('coupleForm.editTitle')}</h1>
      {couple.loading ? <Loading /> : null}
      <ErrorNotice error={couple.error} onRetry={couple.reload} />
      {couple.data ? (
        <CoupleForm
          key={couple.data.id}
          initial={toFormValues(couple.data)}
          cancelHref={`/couples/${coupleId}`}
          onSubmit={save}
        />
      ) : null}
    </TherapistShell>
  );
}
