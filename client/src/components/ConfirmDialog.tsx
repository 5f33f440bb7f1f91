import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PendingButton } from './PendingButton';
import type { AppError } from '../lib/api';
import { ErrorNotice } from './feedback';

interface ConfirmDialogProps {
  triggerLabel: string;
  triggerClassName?: string;
  isTriggerDisabled?: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  /** The button that closes without acting (default "Cancel"). */
  dismissLabel?: string;
  tone?: 'danger' | 'primary';
  /** More to choose before confirming (e.g. a checkbox), shown under the body. */
  children?: ReactNode;
  /** Resolve with an error to keep the dialog open and show it; null closes the dialog. */
  onConfirm: () => Promise<AppError | null>;
}

/** A button that opens a confirmation alertdialog (focus trapped, Escape cancels). */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const confirm = async () => {
    setPending(true);
    setError(null);
    const result = await props.onConfirm();
    setPending(false);
    if (result) setError(result);
    else setOpen(false);
  };

  return (
    <DialogTrigger
      isOpen={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        if (open) setError(null);
      }}
    >
      <Button className={props.triggerClassName ?? 'btn btn-secondary'} isDisabled={props.isTriggerDisabled}>
        {props.triggerLabel}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!pending}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            <Heading slot="title" className="dialog-title">
              {props.title}
            </Heading>
            <p className="dialog-body">{props.body}</p>
            {props.children}
            <ErrorNotice error={error} />
            <div className="dialog-actions">
              <Button className="btn btn-secondary" slot="close" isDisabled={pending}>
                {props.dismissLabel ?? t('common.cancel')}
              </Button>
              <PendingButton
                className={props.tone === 'primary' ? 'btn btn-primary' : 'btn btn-danger'}
                pending={pending}
                onPress={() => void confirm()}
              >
                {props.confirmLabel}
              </PendingButton>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
