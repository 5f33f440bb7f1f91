/** Labelled form fields built on react-aria-components (and a native select), styled by forms.css. */
import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import type { TextFieldProps } from 'react-aria-components';

export { SelectField, type SelectOption } from './SelectField';

interface TextInputFieldProps extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  onFocusSelect?: boolean;
}

export function TextInputField({ label, description, placeholder, onFocusSelect, ...props }: TextInputFieldProps) {
  return (
    <TextField className="field" {...props}>
      <Label className="field-label">{label}</Label>
      <Input
        className="input"
        placeholder={placeholder}
        onFocus={onFocusSelect ? (e) => e.currentTarget.select() : undefined}
      />
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error" />
    </TextField>
  );
}
