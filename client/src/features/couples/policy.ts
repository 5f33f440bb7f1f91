import type { ConfidentialityPolicy, Language } from '@tandem/shared';

/** Translation keys for each policy: its name, a one-line note for therapists, and plain words for partners. */
export const POLICY_KEYS: Record<ConfidentialityPolicy, { name: string; short: string; partner: string }> = {
  'no-secrets': {
    name: 'policy.noSecrets.name',
    short: 'policy.noSecrets.short',
    partner: 'policy.noSecrets.partner',
  },
  'limited-secrets': {
    name: 'policy.limitedSecrets.name',
    short: 'policy.limitedSecrets.short',
    partner: 'policy.limitedSecrets.partner',
  },
  'secrets-kept': {
    name: 'policy.secretsKept.name',
    short: 'policy.secretsKept.short',
    partner: 'policy.secretsKept.partner',
  },
};

export const LANGUAGE_NAME_KEYS: Record<Language, string> = { en: 'language.en', es: 'language.es' };
