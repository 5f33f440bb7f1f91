import { useTranslation } from 'react-i18next';
import { NEAR_LIMIT } from '@tandem/shared';

/** Whether the counter shows (point `aria-describedby` at it only then). */
export const nearLimit = (length: number, max: number) => length >= max * NEAR_LIMIT;

/**
 * "480 of 500 characters" under a text input once it nears its limit (the server refuses anything longer);
 * announced politely to screen readers as it changes.
 */
export function CharCount({ id, length, max }: { id?: string; length: number; max: number }) {
  const { t } = useTranslation();
  if (!nearLimit(length, max)) return null;
  return (
    <p id={id} className="char-count" data-full={length >= max || undefined} aria-live="polite">
      {t('map.limit.count', { count: length, max })}
    </p>
  );
}
