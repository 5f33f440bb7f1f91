import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import { LANGUAGES } from '@tandem/shared';
import type { ConfidentialityPolicy, CreateCoupleBody, Language, PartnerInput } from '@tandem/shared';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { isLanguage } from '../../i18n';
import { NAME_MAX, requiredName } from '../../lib/validation';
import { ErrorNotice } from '../../components/feedback';
import { SelectField, TextInputField } from '../../components/fields';
import { LANGUAGE_NAME_KEYS } from './policy';
import { PolicyChoice } from './PolicyChoice';
import { useMailEnabled } from '../mail/MailContext';
import { PartnerContactFields, browserTimeZone } from '../mail/PartnerContactFields';

export interface CoupleFormValues {
  name: string;
  policy: ConfidentialityPolicy;
  partners: [PartnerInput, PartnerInput];
}

/** A partner on the form: no language yet means "the practice's default" (known once the settings load). */
type DraftPartner = Omit<PartnerInput, 'language'> & { language: Language | null };

interface CoupleFormProps {
  initial?: CoupleFormValues;
  cancelHref: string;
  /** Resolve with an error to show it; on success the caller navigates away. */
  onSubmit: (values: CreateCoupleBody) => Promise<AppError | null>;
}

export function CoupleForm({ initial, cancelHref, onSubmit }: CoupleFormProps) {
  const { t, i18n } = useTranslation();
  const uiLanguage: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  const [name, setName] = useState(initial?.name ?? '');
  const [chosenPolicy, setPolicy] = useState<ConfidentialityPolicy | null>(initial?.policy ?? null);
  // A new couple starts with the practice's default policy until one is chosen.
  const practice = useQuery(initial ? null : 'practice-settings', (signal) => api.practiceSettings({ signal }));
  const policy = chosenPolicy ?? practice.data?.defaultPolicy ?? 'no-secrets';
  // A new couple's partners start in the practice's language (the owner's setting) until one is chosen.
  const startLanguage: Language = practice.data?.language ?? uiLanguage;
  const [partners, setPartners] = useState<[DraftPartner, DraftPartner]>(
    initial?.partners ?? [
      { displayName: '', language: null },
      { displayName: '', language: null },
    ],
  );
  const languageOf = (index: 0 | 1): Language => partners[index].language ?? startLanguage;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const mailEnabled = useMailEnabled();

  const languageOptions = LANGUAGES.map((id) => ({ id, label: t(LANGUAGE_NAME_KEYS[id]), lang: id }));
  const validateName = (value: string) => {
    const key = requiredName(value);
    return key ? t(key) : null;
  };
  const updatePartner = (index: 0 | 1, patch: Partial<DraftPartner>) =>
    setPartners((prev) => {
      const next: [DraftPartner, DraftPartner] = [{ ...prev[0] }, { ...prev[1] }];
      next[index] = { ...next[index], ...patch };
      return next;
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    // Contact details are sent only when e-mail is on (absent: the server keeps what it has).
    const contact = (p: DraftPartner) =>
      mailEnabled ? { email: p.email?.trim() || null, timeZone: (p.timeZone ?? browserTimeZone()).trim() || null } : {};
    const result = await onSubmit({
      name: name.trim(),
      policy,
      partners: [
        { displayName: partners[0].displayName.trim(), language: languageOf(0), ...contact(partners[0]) },
        { displayName: partners[1].displayName.trim(), language: languageOf(1), ...contact(partners[1]) },
      ],
    });
    setPending(false);
    setError(result);
  };

  return (
    <Form className="form" onSubmit={(e) => void submit(e)}>
      <TextInputField
        label={t('coupleForm.name')}
        description={t('coupleForm.nameHint')}
        isRequired
        maxLength={NAME_MAX}
        value={name}
        onChange={setName}
        validate={validateName}
      />
      {([0, 1] as const).map((index) => {
        const labels =
          index === 0
            ? { name: t('coupleForm.partnerAName'), language: t('coupleForm.partnerALanguage') }
            : { name: t('coupleForm.partnerBName'), language: t('coupleForm.partnerBLanguage') };
        return (
          <div className="field-group" key={index}>
            <TextInputField
              label={labels.name}
              isRequired
              maxLength={NAME_MAX}
              value={partners[index].displayName}
              onChange={(displayName) => updatePartner(index, { displayName })}
              validate={validateName}
            />
            <SelectField
              label={labels.language}
              options={languageOptions}
              value={languageOf(index)}
              onChange={(language) => updatePartner(index, { language })}
            />
            {mailEnabled ? (
              <PartnerContactFields
                partnerLabel={partners[index].displayName.trim() || t(index === 0 ? 'mail.partnerA' : 'mail.partnerB')}
                email={partners[index].email ?? ''}
                timeZone={partners[index].timeZone ?? browserTimeZone()}
                onChange={(patch) => updatePartner(index, patch)}
              />
            ) : null}
          </div>
        );
      })}
      <PolicyChoice
        value={policy}
        onChange={setPolicy}
        label={t('coupleForm.policy')}
        description={t('coupleForm.policyHint')}
      />
      <ErrorNotice error={error} />
      <div className="form-actions">
        <PendingButton type="submit" className="btn btn-primary" pending={pending}>
          {t('coupleForm.submit')}
        </PendingButton>
        <Link to={cancelHref} className="btn btn-quiet">
          {t('common.cancel')}
        </Link>
      </div>
    </Form>
  );
}
