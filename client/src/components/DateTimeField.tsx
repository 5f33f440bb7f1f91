import type { ReactNode } from 'react';
import { DateField, DateInput, DateSegment, FieldError, I18nProvider, Label, Text } from 'react-aria-components';
import type { DateValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * A date and time typed in the reader's language and clock (24 h in Spanish, no "09:04 AM" on a Spanish screen):
 * the browser's own datetime-local input follows the browser's locale instead of the page's.
 */
export function DateTimeField({
  label,
  description,
  value,
  onChange,
  granularity = 'minute',
}: {
  label: string;
  description?: ReactNode;
  value: DateValue | null;
  onChange: (value: DateValue | null) => void;
  /** 'day' for a calendar day alone (see DayField). */
  granularity?: 'minute' | 'day';
}) {
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={i18n.language}>
      <DateField className="field" granularity={granularity} value={value} onChange={onChange}>
        <Label className="field-label">{label}</Label>
        <DateInput className="input date-input">
          {(segment) => <DateSegment segment={segment} className="date-segment" />}
        </DateInput>
        {description ? (
          <Text slot="description" className="field-description">
            {description}
          </Text>
        ) : null}
        <FieldError className="field-error" />
      </DateField>
    </I18nProvider>
  );
}

/** The field's local date and time as an ISO instant, or null when empty. */
export function dateValueToIso(value: DateValue | null): string | null {
  if (!value) return null;
  return value.toDate(Intl.DateTimeFormat().resolvedOptions().timeZone).toISOString();
}
