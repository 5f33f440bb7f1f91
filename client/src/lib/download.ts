/** Downloads a file the API makes (a PDF): the bytes as a Blob saved under the server's file name. */
import { ErrorCode } from '@tandem/shared';
import { ClientErrorCode, failure, isEnvelope, type ApiResult } from './api';

const fileNameOf = (disposition: string | null, fallback: string) =>
  /filename="([A-Za-z0-9._-]+)"/.exec(disposition ?? '')?.[1] ?? fallback;

/** GET /api<path>; on success the browser saves the file. Errors come back as the API's typed errors. */
export async function downloadFile(path: string, fallbackName: string): Promise<ApiResult<null>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: 'same-origin', headers: { Accept: 'application/pdf' } });
  } catch (err) {
    return failure(ClientErrorCode.NETWORK_ERROR, err instanceof Error ? err.message : 'Network error');
  }
  if (!response.ok) {
    const parsed: unknown = await response.json().catch(() => undefined);
    if (isEnvelope(parsed) && !parsed.ok) return failure(parsed.error.code, parsed.error.message);
    return failure(response.status === 429 ? ErrorCode.RATE_LIMITED : ErrorCode.INTERNAL, `HTTP ${response.status}`);
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (err) {
    return failure(ClientErrorCode.NETWORK_ERROR, err instanceof Error ? err.message : 'Network error');
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the save before the bytes are released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, data: null };
}

/** The reader's language and time zone, for documents the server writes. */
export function documentQuery(language: string): string {
  const lang = language.startsWith('es') ? 'es' : 'en';
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `lang=${lang}${tz ? `&tz=${encodeURIComponent(tz)}` : ''}`;
}
