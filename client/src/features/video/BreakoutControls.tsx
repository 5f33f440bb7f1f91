import { memo, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { BREAKOUT_MESSAGE_MAX } from '@tandem/shared';
import type { ParticipantView } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { TextInputField } from '../../components/fields';
import { PendingButton } from '../../components/PendingButton';
import { useVideo } from './VideoContext';

/** Therapist: take one partner aside (with an optional message for the other), and end it. */
export const BreakoutControls = memo(function BreakoutControls({ partners }: { partners: ParticipantView[] }) {
  const { t } = useTranslation();
  const { breakout, endBreakout } = useVideo();
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState(false);

  if (breakout) {
    const name = partners.find((p) => p.id === breakout.partnerId)?.name ?? '';
    return (
      <div className="breakout-bar" data-breakout="active">
        <p className="breakout-note">{t('video.breakout.activeTherapist', { name })}</p>
        <PendingButton
          className="btn btn-primary btn-small"
          pending={pending}
          onPress={async () => {
            setPending(true);
            setError(await endBreakout());
            setPending(false);
          }}
        >
          {t('video.breakout.end')}
        </PendingButton>
        <ErrorNotice error={error} />
      </div>
    );
  }
  const present = partners.filter((p) => p.status === 'online');
  if (present.length < 2) return null;
  return (
    <div className="breakout-bar">
      {present.map((p) => (
        <StartBreakout key={p.id} partner={p} />
      ))}
    </div>
  );
});

function StartBreakout({ partner }: { partner: ParticipantView }) {
  const { t } = useTranslation();
  const { startBreakout } = useVideo();
  const [isOpen, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={setOpen}>
      <Button className="btn btn-secondary btn-small">{t('video.breakout.start', { name: partner.name })}</Button>
      <ModalOverlay className="modal-overlay" isDismissable={!pending}>
        <Modal className="modal">
          <Dialog className="dialog">
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                setPending(true);
                const err = await startBreakout(partner.id, message);
                setPending(false);
                setError(err);
                if (!err) {
                  setOpen(false);
                  setMessage('');
                }
              }}
            >
              <Heading slot="title" className="dialog-title">
                {t('video.breakout.dialogTitle', { name: partner.name })}
              </Heading>
              <p className="dialog-body">{t('video.breakout.dialogBody')}</p>
              <TextInputField
                label={t('video.breakout.message')}
                description={t('video.breakout.messageHint')}
                value={message}
                onChange={setMessage}
                maxLength={BREAKOUT_MESSAGE_MAX}
              />
              <ErrorNotice error={error} />
              <div className="dialog-actions">
                <Button className="btn btn-secondary" slot="close" isDisabled={pending}>
                  {t('common.cancel')}
                </Button>
                <PendingButton className="btn btn-primary" pending={pending} type="submit">
                  {t('video.breakout.confirm')}
                </PendingButton>
              </div>
            </form>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
