import { useState, type FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AssignableRole, CreatedStaffInviteDto, Language } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { EmailField } from '../../components/authFields';
import { SelectField } from '../../components/fields';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { InviteLinkField } from '../sessions/InviteLinkField';

/** Invite someone to the practice: a single-use link to copy (and, with e-mail set up, sent to them). */
export function InviteForm({ mailConfigured, onCreated }: { mailConfigured: boolean; onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AssignableRole>('clinician');
  const [clinical, setClinical] = useState(false);
  const [language, setLanguage] = useState<Language>(i18n.language === 'es' ? 'es' : 'en');
  const [send, setSend] = useState(mailConfigured);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<CreatedStaffInviteDto | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await api.inviteStaff({
      email: email.trim(),
      role,
      language,
      ...(role === 'admin' ? { clinical } : {}),
      ...(mailConfigured && send ? { send: true } : {}),
    });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setCreated(res.data);
    setEmail('');
    onCreated();
  };

  return (
    <section className="section card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('practice.invite.heading')}</h2>
      <p className="muted">{t('practice.invite.intro')}</p>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <EmailField value={email} onChange={setEmail} autoComplete="email" />
        <SelectField<AssignableRole>
          label={t('practice.invite.role')}
          value={role}
          onChange={setRole}
          options={[
            { id: 'clinician', label: t('practice.roles.clinician') },
            { id: 'admin', label: t('practice.roles.admin') },
          ]}
        />
        {role === 'admin' ? (
          <Checkbox className="checkbox" isSelected={clinical} onChange={setClinical}>
            <span className="checkbox-box" aria-hidden="true" />
            {t('practice.invite.clinical')}
          </Checkbox>
        ) : null}
        <SelectField<Language>
          label={t('practice.invite.language')}
          value={language}
          onChange={setLanguage}
          options={[
            { id: 'en', label: 'English', lang: 'en' },
            { id: 'es', label: 'Español', lang: 'es' },
          ]}
        />
        {mailConfigured ? (
          <Checkbox className="checkbox" isSelected={send} onChange={setSend}>
            <span className="checkbox-box" aria-hidden="true" />
            {t('practice.invite.send')}
          </Checkbox>
        ) : null}
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-primary" pending={pending}>
            {t('practice.invite.submit')}
          </PendingButton>
        </div>
        <ErrorNotice error={error} />
      </Form>
      {created ? (
        <>
          <InviteLinkField
            invite={{ partnerId: created.invite.id, url: created.url, expiresAt: created.invite.expiresAt }}
            partnerName={created.invite.email}
            label={t('practice.invite.link', { email: created.invite.email })}
          />
          <StatusLine>
            {created.mailed
              ? t('practice.invite.mailed', { email: created.invite.email })
              : send && mailConfigured
                ? t('practice.invite.notMailed')
                : ''}
          </StatusLine>
        </>
      ) : null}
    </section>
  );
}
