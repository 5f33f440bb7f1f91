/** A labelled number field (its own module: the number parser stays out of pages that only need text and selects). */
import type { ReactNode } from 'react';
import { FieldError, Input, Label, NumberField, Text } from 'react-aria-components';
import type { NumberFieldProps } from 'react-aria-components';

interface NumberInputFieldProps extends Omit<NumberFieldProps, 'children' | 'className'> {
  label: string;
  description?: ReactNode;
}

export function NumberInputField({ label, description, ...props }: NumberInputFieldProps) {
  return (
    <NumberField className="field" {...props}>
      <Label className="field-label">{label}</Label>
      <Input className="input input-number" />
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error" />
    </NumberField>
  );
}
