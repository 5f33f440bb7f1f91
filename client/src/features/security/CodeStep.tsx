import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import { PageShell } from '../../components/PageShell';
import { ErrorNotice } from '../../components/feedback';
import { TextInputField } from '../../components/fields';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { useFocusOnMount } from '../../lib/useFocusOnMount';

/** The sign-in's second step: a code from the authenticator app, or a recovery code. */
export function CodeStep({ onDone, onRestart }: { onDone: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await api.loginCode(code);
    setPending(false);
    if (res.ok) onDone();
    else setError(res.error);
  };
  const restart = async () => {
    await api.logout();
    onRestart();
  };
  const messageKey =
    error?.code === 'INVALID_CREDENTIALS' || error?.code === 'BAD_REQUEST'
      ? 'security.code.wrong'
      : error?.code === 'RATE_LIMITED'
        ? 'security.code.rateLimited'
        : undefined;
  return (
    <PageShell width="narrow">
      <div className="card">
        <h1 ref={heading} tabIndex={-1}>
          {t('security.code.title')}
        </h1>
        <p className="lead">{t('security.code.intro')}</p>
        <Form className="form" onSubmit={(e) => void submit(e)}>
          <TextInputField
            label={t('security.code.label')}
            name="code"
            autoComplete="one-time-code"
            isRequired
            maxLength={40}
            value={code}
            onChange={(v) => {
              setCode(v);
              setError(null);
            }}
          />
          <div className="form-actions">
            <PendingButton type="submit" className="btn btn-primary" pending={pending}>
              {t('security.code.submit')}
            </PendingButton>
            <Button className="btn btn-quiet" onPress={() => void restart()}>
              {t('security.code.restart')}
            </Button>
          </div>
          <ErrorNotice error={error} messageKey={messageKey} />
        </Form>
      </div>
    </PageShell>
  );
}
