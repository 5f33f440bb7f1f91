import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '@tandem/shared';
import { formatList } from '../../lib/format';
import { CollabConnection } from '../map/collab';
import { addNode, setLabel } from '../map/mapModel';
import { useSessionSocket } from '../session/useSessionSocket';

/** Writes one card to the shared map and waits until the server has stored it. */
async function shareToMap(
  snapshot: SessionSnapshot,
  sessionId: string,
  text: string,
  side: 'a' | 'b',
): Promise<boolean> {
  const conn = new CollabConnection(snapshot.workspaceDoc, { session: sessionId }, { offline: false });
  conn.start();
  try {
    const ready = await new Promise<boolean>((resolve) => {
      const done = () => resolve(conn.state.save === 'saved');
      const off = conn.subscribe(() => {
        if (conn.state.save === 'saved' || conn.state.save === 'refused') {
          off();
          done();
        }
      });
      setTimeout(() => resolve(false), 8000);
    });
    if (!ready) return false;
    const id = addNode(conn.doc, 'note', side, '');
    setLabel(conn.doc, id, text);
    return await new Promise<boolean>((resolve) => {
      const check = () => {
        if (conn.state.denied) resolve(false);
        else if (conn.state.save === 'saved') resolve(true);
      };
      conn.subscribe(check);
      setTimeout(() => resolve(false), 8000);
    });
  } finally {
    conn.stop();
  }
}

/** "Share with the room…": a deliberate copy of one item to the shared map, after saying exactly who will see it. */
export function ShareWithRoom({ text, disabled }: { text: string; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const { snapshot, sessionId, participants } = useSessionSocket();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<'idle' | 'sharing' | 'shared' | 'failed'>('idle');
  if (!snapshot) return null;
  const me = snapshot.self;
  const slot = snapshot.partners.find((p) => p.id === me.id)?.slot ?? 'a';
  const others = participants.filter((p) => p.id !== me.id).map((p) => p.name);
  const audience =
    snapshot.kind === 'individual' ? [participants.find((p) => p.role === 'therapist')?.name ?? ''] : others;
  const share = async () => {
    setState('sharing');
    const ok = await shareToMap(snapshot, sessionId, text.trim().slice(0, 280), slot);
    setState(ok ? 'shared' : 'failed');
    if (ok) setOpen(false);
  };
  return (
    <>
      <DialogTrigger isOpen={open} onOpenChange={setOpen}>
        <Button className="btn btn-small btn-secondary" isDisabled={disabled || !text.trim()}>
          {t('private.share.button')}
        </Button>
        <ModalOverlay className="modal-overlay" isDismissable>
          <Modal className="modal">
            <Dialog role="alertdialog" className="dialog">
              <Heading slot="title" className="dialog-title">
                {t('private.share.title')}
              </Heading>
              <p className="dialog-body">{t('private.share.who', { names: formatList(audience, i18n.language) })}</p>
              <blockquote className="share-preview">{text}</blockquote>
              {state === 'failed' ? (
                <p role="alert" className="notice notice-error">
                  {t('private.share.failed')}
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
      {state === 'shared' ? (
        <p role="status" className="muted">
          {t('private.share.done')}
        </p>
      ) : null}
    </>
  );
}
