import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCode } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { documentQuery, downloadFile } from '../../lib/download';

/**
 * Downloads a PDF the server builds (the session record, a map, a comparison), in the reader's language and time
 * zone; shows that it is being prepared and, when it fails, why, with a retry.
 */
export function PdfDownloadButton({
  path,
  fileName,
  label,
  className = 'btn btn-secondary',
  lang,
}: {
  path: string;
  fileName: string;
  label: ReactNode;
  className?: string;
  /** The document's language when it is not the reader's (a summary prints in the language it was written for). */
  lang?: string;
}) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const download = async () => {
    setPending(true);
    setError(null);
    const res = await downloadFile(
      `${path}${path.includes('?') ? '&' : '?'}${documentQuery(lang ?? i18n.language)}`,
      fileName,
    );
    setPending(false);
    if (!res.ok) setError(res.error);
  };
  return (
    <div className="pdf-download">
      <PendingButton className={className} pending={pending} onPress={() => void download()}>
        {pending ? t('record.pdf.preparing') : label}
      </PendingButton>
      <ErrorNotice
        error={error}
        messageKey={error && error.code !== ErrorCode.RATE_LIMITED ? 'record.pdf.failed' : undefined}
        onRetry={() => void download()}
      />
    </div>
  );
}
