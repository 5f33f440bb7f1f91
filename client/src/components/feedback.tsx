/** Honest state: loading, errors (translated by code), and quiet status lines. */
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../lib/api';
import { errorKey } from '../lib/errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

interface ErrorNoticeProps {
  error: AppError | null | undefined;
  /** Override the message for a code (e.g. login's INVALID_CREDENTIALS). */
  messageKey?: string;
  onRetry?: () => void;
}

/** An error translated by code, in role="alert". Renders nothing without an error. */
export function ErrorNotice({ error, messageKey, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="notice notice-error" data-error-code={error.code}>
      <p>{t(messageKey ?? errorKey(error.code))}</p>
      {onRetry ? (
        <Button className="btn btn-secondary btn-small" onPress={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </div>
  );
}

/** A persistent polite live region: its text changes are announced. */
export function StatusLine({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <p role="status" className={className ?? 'status-line'}>
      {children}
    </p>
  );
}
