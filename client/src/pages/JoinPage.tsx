import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INVITE_TOKEN_PATTERN } from '@tandem/shared';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { LinkCancelled, LinkIncomplete, LinkInvalid } from '../features/join/PartnerViews';
import { readInviteToken } from '../features/join/inviteToken';

interface Visit {
  token: string;
  /** Counts the links opened in this tab: each one starts afresh. */
  n: number;
}

/**
 * /join#<token>: trade the invite for the per-session cookie, then replace the URL with /s/<sessionId>. The token
 * lives in the fragment (never sent to the server in the URL) and is removed from the address bar and history at
 * once. Opening another link in the same tab changes only the fragment (no page load): each one is a new visit.
 */
export function JoinPage() {
  const [visit, setVisit] = useState<Visit>(() => ({ token: readInviteToken(window.location.hash), n: 0 }));
  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash) return; // our own clean-up of the address bar
      setVisit((v) => ({ token: readInviteToken(window.location.hash), n: v.n + 1 }));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return <Redeem key={visit.n} token={visit.token} />;
}

function Redeem({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const wellFormed = INVITE_TOKEN_PATTERN.test(token);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);
  useDocumentTitle(wellFormed ? t('join.title') : t('join.linkIncompleteTitle'), t('app.name'));

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
    // Redeem once per attempt (StrictMode runs effects twice; a token is single-use).
    if (!wellFormed || started.current === attempt) return;
    started.current = attempt;
    void api.redeem({ token }).then((result) => {
      if (result.ok) void navigate(`/s/${encodeURIComponent(result.data.sessionId)}`, { replace: true });
      else setError(result.error);
    });
  }, [token, wellFormed, attempt, navigate]);

  const retryable =
    error && ['NETWORK_ERROR', 'TIMEOUT', 'INTERNAL', 'RATE_LIMITED', 'UNAVAILABLE'].includes(error.code);
  return (
    <PageShell width="narrow">
      {!wellFormed ? (
        <LinkIncomplete />
      ) : !error ? (
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
      ) : error.code === 'SESSION_CANCELLED' ? (
        <LinkCancelled />
      ) : (
        <LinkInvalid />
      )}
    </PageShell>
  );
}
