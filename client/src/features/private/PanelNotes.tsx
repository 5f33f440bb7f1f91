import { useTranslation } from 'react-i18next';
import { DOC_LIMITS, PREP_FIELDS } from '@tandem/shared';
import type { CollabConnection } from '../map/collab';
import { SaveIndicator } from '../map/SaveIndicator';
import { CollabTextArea } from './CollabTextArea';
import { useSaveState } from './usePrivateDoc';

/** A partner's own notes and session prep (editable by them; read-only for the therapist). */
export function PanelNotes({ conn, readOnly }: { conn: CollabConnection; readOnly: boolean }) {
  const { t } = useTranslation();
  const state = useSaveState(conn);
  return (
    <div className="panel-notes">
      {state ? <SaveIndicator state={state.save} notice={state.notice} /> : null}
      <CollabTextArea
        doc={conn.doc}
        map={null}
        field="notes"
        label={t('private.notes.label')}
        rows={5}
        readOnly={readOnly}
      />
      <fieldset className="prep">
        <legend>{t('private.prep.heading')}</legend>
        {PREP_FIELDS.map((f) => (
          <CollabTextArea
            key={f}
            doc={conn.doc}
            map="prep"
            field={f}
            label={t(`private.prep.${f}`)}
            rows={2}
            maxLength={DOC_LIMITS.prepTextChars}
            readOnly={readOnly}
          />
        ))}
      </fieldset>
    </div>
  );
}
