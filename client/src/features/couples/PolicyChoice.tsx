import { Label, RadioButton, RadioField, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_POLICIES, type ConfidentialityPolicy } from '@tandem/shared';
import { POLICY_KEYS } from './policy';

/** The three confidentiality policies as radio cards (the couple form and the couple page's policy section). */
export function PolicyChoice({
  value,
  onChange,
  label,
  description,
}: {
  value: ConfidentialityPolicy;
  onChange: (policy: ConfidentialityPolicy) => void;
  label: string;
  description?: string;
}) {
  const { t } = useTranslation();
  return (
    <RadioGroup
      className="radio-group"
      value={value}
      onChange={(next) => {
        const policy = CONFIDENTIALITY_POLICIES.find((p) => p === next);
        if (policy) onChange(policy);
      }}
      isRequired
    >
      <Label className="field-label">{label}</Label>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      {CONFIDENTIALITY_POLICIES.map((id) => (
        <RadioField key={id} value={id} className="radio-card">
          <RadioButton className="radio">
            <span className="radio-dot" aria-hidden="true" />
            <span className="radio-label">{t(POLICY_KEYS[id].name)}</span>
          </RadioButton>
          <Text slot="description" className="radio-description">
            {t(POLICY_KEYS[id].short)}
          </Text>
        </RadioField>
      ))}
    </RadioGroup>
  );
}
