/** Labelled form fields built on react-aria-components, styled by forms.css. */
import type { Key, ReactNode } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextField,
} from 'react-aria-components';
import type { TextFieldProps } from 'react-aria-components';

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
}

export function SelectField<K extends string>({
  label,
  options,
  value,
  onChange,
  name,
  isDisabled,
}: SelectFieldProps<K>) {
  const byId = new Map<Key, K>(options.map((o) => [o.id, o.id]));
  return (
    <Select
      className="field"
      name={name}
      value={value}
      isDisabled={isDisabled}
      onChange={(key) => {
        const next = key === null ? undefined : byId.get(key as Key);
        if (next !== undefined) onChange(next);
      }}
    >
      <Label className="field-label">{label}</Label>
      <Button className="select-button">
        <SelectValue className="select-value" />
        <span className="select-chevron" aria-hidden="true" />
      </Button>
      <Popover className="select-popover">
        <ListBox className="select-list">
          {options.map((option) => (
            <ListBoxItem
              key={option.id}
              id={option.id}
              textValue={option.label}
              className="select-option"
              lang={option.lang}
            >
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
