import { useId } from 'react';
import type { ReactNode } from 'react';

export interface SelectOption<K extends string> {
  id: K;
  label: string;
  lang?: string;
}

interface SelectFieldProps<K extends string> {
  label: string;
  options: SelectOption<K>[];
  value: K;
  onChange: (value: K) => void;
  name?: string;
  isDisabled?: boolean;
  description?: ReactNode;
  errorMessage?: ReactNode;
}

/**
 * A labelled native `<select>`: the platform's own picker (a wheel or sheet on a phone, a list on a laptop), read by
 * every screen reader, and no JavaScript widget in the bundle. Description and error are tied to it by
 * aria-describedby.
 */
export function SelectField<K extends string>({
  label,
  options,
  value,
  onChange,
  name,
  isDisabled,
  description,
  errorMessage,
}: SelectFieldProps<K>) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = errorMessage ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" data-disabled={isDisabled || undefined}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <span className="select-wrap">
        <select
          id={id}
          className="select"
          name={name}
          value={value}
          disabled={isDisabled}
          aria-invalid={errorMessage ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            const next = options.find((o) => o.id === e.currentTarget.value);
            if (next) onChange(next.id);
          }}
        >
          {options.map((option) => (
            <option key={option.id} value={option.id} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
        <span className="select-chevron" aria-hidden="true" />
      </span>
      {description ? (
        <span id={descriptionId} className="field-description">
          {description}
        </span>
      ) : null}
      {errorMessage ? (
        <span id={errorId} className="field-error">
          {errorMessage}
        </span>
      ) : null}
    </div>
  );
}
