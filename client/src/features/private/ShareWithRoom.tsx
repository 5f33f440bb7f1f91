import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DOC_LIMITS, type ShareField } from '@tandem/shared';
import { formatList } from '../../lib/format';
import type { CollabConnection } from '../map/collab';
import { useSessionSocket } from '../session/useSessionSocket';

type ShareState = 'idle' | 'sharing' | 'shared' | 'locked' | 'changed' | 'failed';

/** Resolves once the panel's edits have reached the server (the server shares only what it holds). */
function panelSaved(conn: CollabConnection, timeoutMs = 5000): Promise<boolean> {
  if (conn.state.save === 'saved') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, timeoutMs);
    const off = conn.subscribe(() => {
      if (conn.state.save !== 'saved') return;
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}

/**
 * "Share with the room…": a deliberate copy of one item to the shared map, after saying exactly who will see it.
 * The server checks and writes the card itself; this device never holds a copy the server may refuse.
 */
export function ShareWithRoom(props: { field: ShareField; text: string; conn: CollabConnection; disabled?: boolean }) {
  const { field, text, conn, disabled } = props;
  const { t, i18n } = useTranslation();
  const { snapshot, participants, emitWithAck } = useSessionSocket();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<ShareState>('idle');
  if (!snapshot) return null;
  const me = snapshot.self;
  const words = text.trim();
  const tooLong = words.length > DOC_LIMITS.labelChars;
  const others = participants.filter((p) => p.id !== me.id).map((p) => p.name);
  const audience =
    snapshot.kind === 'individual' ? [participants.find((p) => p.role === 'therapist')?.name ?? ''] : others;
  const share = async () => {
    setState('sharing');
    if (!(await panelSaved(conn))) {
      setState('failed');
      return;
    }
    const res = await emitWithAck('map:share', { field, text: words });
    if (res.ok) {
      setState('shared');
      setOpen(false);
      return;
    }
    const code = res.error.code;
    setState(code === 'FORBIDDEN' ? 'locked' : code === 'CONFLICT' ? 'changed' : 'failed');
  };
  return (
    <>
      <DialogTrigger
        isOpen={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setState('idle');
        }}
      >
        <Button className="btn btn-small btn-secondary" isDisabled={disabled || !words || tooLong}>
          {t('private.share.button')}
        </Button>
        <ModalOverlay className="modal-overlay" isDismissable>
          <Modal className="modal">
            <Dialog role="alertdialog" className="dialog">
              <Heading slot="title" className="dialog-title">
                {t('private.share.title')}
              </Heading>
              <p className="dialog-body">{t('private.share.who', { names: formatList(audience, i18n.language) })}</p>
              <blockquote className="share-preview">{words}</blockquote>
              {state === 'locked' || state === 'changed' || state === 'failed' ? (
                <p role="alert" className="notice notice-error">
                  {t(`private.share.${state}`)}
                </p>
              ) : null}
              <div className="dialog-actions">
                <Button className="btn btn-secondary" slot="close">
                  {t('common.cancel')}
                </Button>
                <Button className="btn btn-primary" isDisabled={state === 'sharing'} onPress={() => void share()}>
                  {t('private.share.confirm')}
                </Button>
              </div>
            </Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
      {tooLong ? <p className="muted">{t('private.share.tooLong', { max: DOC_LIMITS.labelChars })}</p> : null}
      {state === 'shared' ? (
        <p role="status" className="muted">
          {t('private.share.done')}
        </p>
      ) : null}
    </>
  );
}
