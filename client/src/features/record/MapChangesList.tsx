import { useTranslation } from 'react-i18next';
import type { RecordCardChange } from '@tandem/shared';

function Changes({ title, items }: { title: string; items: RecordCardChange[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div className="record-changes">
      <h3>{title}</h3>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <span className="record-kind">{t(`map.kind.${c.kind}`)}</span> {c.label || t('map.emptyLabel')}
            {c.before !== undefined ? (
              <span className="muted"> ({t('record.map.before', { label: c.before || t('map.emptyLabel') })})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The cards added, edited and removed between two maps (a session's record, or two sessions compared). */
export function MapChangesList({
  changes,
}: {
  changes: { added: RecordCardChange[]; edited: RecordCardChange[]; removed: RecordCardChange[] };
}) {
  const { t } = useTranslation();
  const total = changes.added.length + changes.edited.length + changes.removed.length;
  return (
    <>
      {total === 0 ? <p>{t('record.map.noChanges')}</p> : null}
      <Changes title={t('record.map.added', { count: changes.added.length })} items={changes.added} />
      <Changes title={t('record.map.edited', { count: changes.edited.length })} items={changes.edited} />
      <Changes title={t('record.map.removed', { count: changes.removed.length })} items={changes.removed} />
    </>
  );
}
