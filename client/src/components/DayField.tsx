import { parseDate } from '@internationalized/date';
import type { ReactNode } from 'react';
import { DateField, DateInput, DateSegment, FieldError, I18nProvider, Label, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** A calendar day typed in the reader's language (segments day, month, year); the value is YYYY-MM-DD or ''. */
export function DayField({
  label,
  description,
  value,
  onChange,
  isRequired,
}: {
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  isRequired?: boolean;
}) {
  const { i18n } = useTranslation();
  let parsed = null;
  try {
    parsed = value ? parseDate(value) : null;
  } catch {
    parsed = null;
  }
  return (
    <I18nProvider locale={i18n.language}>
      <DateField
        className="field"
        granularity="day"
        value={parsed}
        isRequired={isRequired}
        onChange={(v) => onChange(v ? v.toString() : '')}
      >
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
