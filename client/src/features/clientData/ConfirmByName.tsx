import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextInputField } from '../../components/fields';
import type { AppError } from '../../lib/api';

const squash = (s: string) => s.trim().normalize('NFC').toLocaleLowerCase();

/**
 * A deletion's confirmation: the dialog names what goes, and the name typed must be the one shown (the server
 * checks it again).
 */
export function ConfirmByName(props: {
  name: string;
  triggerLabel: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: (typed: string) => Promise<AppError | null>;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return (
    <ConfirmDialog
      triggerLabel={props.triggerLabel}
      triggerClassName="btn btn-quiet btn-small btn-danger-quiet"
      title={props.title}
      body={props.body}
      confirmLabel={props.confirmLabel}
      onConfirm={async () => {
        if (squash(typed) !== squash(props.name)) {
          setMismatch(true);
          return { code: 'BAD_REQUEST', message: 'The typed name differs.' };
        }
        const result = await props.onConfirm(typed);
        if (!result) setTyped('');
        return result;
      }}
    >
      <TextInputField
        label={t('clientData.typeName', { name: props.name })}
        value={typed}
        onChange={(v) => {
          setTyped(v);
          setMismatch(false);
        }}
        autoComplete="off"
        isInvalid={mismatch}
        {...(mismatch ? { description: t('clientData.typeNameMismatch') } : {})}
      />
    </ConfirmDialog>
  );
}
