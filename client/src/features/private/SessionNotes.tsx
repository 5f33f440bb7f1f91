import { useTranslation } from 'react-i18next';
import { NOTE_FIELDS, docName } from '@tandem/shared';
import { Loading } from '../../components/feedback';
import { SaveIndicator } from '../map/SaveIndicator';
import { CollabTextArea } from './CollabTextArea';
import { useSaveState, usePrivateDoc } from './usePrivateDoc';
import './private.css';

/** The therapist's structured progress note for one session (therapist only, kept with the case). */
export function SessionNotes({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const conn = usePrivateDoc(docName({ kind: 'notes', id: sessionId }), sessionId);
  const state = useSaveState(conn);
  if (!conn) return <Loading />;
  return (
    <div className="session-notes">
      <p className="private-note">{t('private.therapistSide.notesOnly')}</p>
      {state ? <SaveIndicator state={state.save} notice={state.notice} /> : null}
      {NOTE_FIELDS.map((f) => (
        <CollabTextArea
          key={f}
          doc={conn.doc}
          map="note"
          field={f}
          label={t(`private.notes.fields.${f}`)}
          rows={f === 'free' ? 5 : 2}
        />
      ))}
    </div>
  );
}
