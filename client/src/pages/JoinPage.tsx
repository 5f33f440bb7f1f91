import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, failure } from '../lib/api';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { LinkInvalid } from '../features/join/PartnerViews';

/** Invite tokens are 32 random bytes in base64url (see the server's schema). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function readToken(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
}

/**
 * /join#<token>: trade the invite for the per-session cookie, then replace the URL with
 * /s/<sessionId>. The token lives in the fragment (never sent to the server in the URL) and
 * is removed from the address bar and history at once.
 */
export function JoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token] = useState(readToken);
  const [error, setError] = useState<AppError | null>(() =>
    TOKEN_PATTERN.test(token) ? null : failure('INVITE_INVALID', 'Malformed invite link').error,
  );
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);
  useDocumentTitle(t('join.title'), t('app.name'));

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
    // Redeem once per attempt (StrictMode runs effects twice; a token is single-use).
    if (!TOKEN_PATTERN.test(token) || started.current === attempt) return;
    started.current = attempt;
    void api.redeem({ token }).then((result) => {
      if (result.ok) void navigate(`/s/${encodeURIComponent(result.data.sessionId)}`, { replace: true });
      else setError(result.error);
    });
  }, [token, attempt, navigate]);

  const retryable =
    error && ['NETWORK_ERROR', 'TIMEOUT', 'INTERNAL', 'RATE_LIMITED', 'UNAVAILABLE'].includes(error.code);
  return (
    <PageShell width="narrow">
      {!error ? (
        <div className="card">
          <h1>{t('join.title')}</h1>
          <Loading label={t('join.opening')} />
        </div>
      ) : retryable ? (
        <div className="card">
          <h1>{t('join.title')}</h1>
          <ErrorNotice error={error} messageKey={error.code === 'RATE_LIMITED' ? 'login.rateLimited' : undefined} />
          <Button
            className="btn btn-primary"
            onPress={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('common.retry')}
          </Button>
        </div>
      ) : (
        <LinkInvalid />
      )}
    </PageShell>
  );
}
