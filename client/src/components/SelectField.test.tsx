import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SelectField } from './SelectField';

afterEach(cleanup);

const options = [
  { id: 'en', label: 'English' },
  { id: 'es', label: 'Español', lang: 'es' },
] as const;

describe('SelectField', () => {
  it('is a native select named by its visible label, showing the value', () => {
    render(<SelectField label="Language" options={[...options]} value="es" onChange={() => {}} />);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' });
    expect(select.tagName).toBe('SELECT');
    expect(select.value).toBe('es');
    expect(screen.getByRole('option', { name: 'Español' }).getAttribute('lang')).toBe('es');
  });

  it('reports the chosen option’s id', () => {
    const onChange = vi.fn();
    render(<SelectField label="Language" options={[...options]} value="en" onChange={onChange} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'es' } });
    expect(onChange).toHaveBeenCalledWith('es');
  });

  it('ties its description and error to the select', () => {
    render(
      <SelectField
        label="Language"
        options={[...options]}
        value="en"
        onChange={() => {}}
        description="Used for e-mails"
        errorMessage="Choose a language"
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Language' });
    expect(select.getAttribute('aria-invalid')).toBe('true');
    const described = (select.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Used for e-mails', 'Choose a language']);
  });

  it('can be disabled', () => {
    render(<SelectField label="Language" options={[...options]} value="en" onChange={() => {}} isDisabled />);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' }).disabled).toBe(true);
  });
});
