import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { useSessionSocket } from './useSessionSocket';

function reload() {
  window.location.reload();
}

/** Why the server would not let this connection in, and what to do about it. */
export function RefusalNotice({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { connection, refusal, sessionStatus } = useSessionSocket();
  if (connection !== 'refused' || sessionStatus === 'ended' || refusal === 'SESSION_ENDED') return null;

  if (refusal === 'PROTOCOL_MISMATCH') {
    return (
      <div role="alert" className="notice notice-error" data-error-code={refusal}>
        <p>{t('refusal.protocolMismatch')}</p>
        <Button className="btn btn-primary btn-small" onPress={reload}>
          {t('common.reload')}
        </Button>
      </div>
    );
  }
  if (refusal === 'UNAUTHENTICATED' && role === 'therapist') {
    return (
      <div role="alert" className="notice notice-error" data-error-code={refusal}>
        <p>{t('refusal.signInAgain')}</p>
        <Link to="/login" className="btn btn-primary btn-small">
          {t('login.submit')}
        </Link>
      </div>
    );
  }
  const key =
    refusal === 'UNAUTHENTICATED' || refusal === 'INVITE_INVALID'
      ? 'join.linkInvalid'
      : refusal === 'FORBIDDEN' || refusal === 'NOT_FOUND'
        ? 'refusal.forbidden'
        : refusal === 'RATE_LIMITED'
          ? 'refusal.tooManyWindows'
          : 'refusal.disconnected';
  return (
    <div role="alert" className="notice notice-error" data-error-code={refusal ?? 'DISCONNECTED'}>
      <p>{t(key)}</p>
      <Button className="btn btn-secondary btn-small" onPress={reload}>
        {t('common.reload')}
      </Button>
    </div>
  );
}
