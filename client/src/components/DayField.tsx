import { parseDate } from '@internationalized/date';
import type { ReactNode } from 'react';
import { DateTimeField } from './DateTimeField';

function parsed(value: string) {
  try {
    return value ? parseDate(value) : null;
  } catch {
    return null;
  }
}

/** A calendar day typed in the reader's language (day, month, year segments); the value is YYYY-MM-DD or ''. */
export function DayField({
  label,
  description,
  value,
  onChange,
}: {
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <DateTimeField
      label={label}
      description={description}
      granularity="day"
      value={parsed(value)}
      onChange={(v) => onChange(v ? v.toString() : '')}
    />
  );
}
