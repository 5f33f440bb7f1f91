import { useState } from 'react';
import { Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AssignableRole, PersonDto } from '@tandem/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { api, type AppError } from '../../lib/api';

interface PersonItemProps {
  person: PersonDto;
  isMe: boolean;
  /** Active clinical people who could receive this person's couples. */
  receivers: PersonDto[];
  onChanged: (message: string) => void;
  onError: (error: AppError) => void;
}

/** One person of the practice: who they are, their role (changeable), and "deactivate". */
export function PersonItem({ person, isMe, receivers, onChanged, onError }: PersonItemProps) {
  const { t, i18n } = useTranslation();
  const others = receivers.filter((r) => r.id !== person.id);
  const [reassignTo, setReassignTo] = useState<string>(others[0]?.id ?? '');
  const editable = person.role !== 'owner' && !isMe && person.deactivatedAt === null;
  const roleName = t(`practice.roles.${person.role}`);

  const update = async (body: { role?: AssignableRole; clinical?: boolean }) => {
    const res = await api.updatePerson(person.id, body);
    if (!res.ok) return onError(res.error);
    onChanged(t('practice.people.roleSaved', { name: person.name, role: t(`practice.roles.${res.data.role}`) }));
  };

  return (
    <li className="device person" data-email={person.email}>
      <div className="device-text person-text">
        <p className="device-name person-name">
          <strong>{person.name}</strong>
          {isMe ? <span className="badge">{t('practice.people.you')}</span> : null}
          {person.deactivatedAt ? <span className="badge badge-muted">{t('practice.people.deactivated')}</span> : null}
        </p>
        <p className="muted">{person.email}</p>
        <dl className="person-facts">
          <div>
            <dt>{t('practice.people.secondFactor')}</dt>
            <dd>{t(person.secondFactor ? 'practice.people.secondFactorOn' : 'practice.people.secondFactorOff')}</dd>
          </div>
          <div>
            <dt>{t('practice.people.lastActive')}</dt>
            <dd>{formatDateTime(person.lastActiveAt, i18n.language) ?? t('practice.people.never')}</dd>
          </div>
          <div>
            <dt>{t('practice.people.role')}</dt>
            <dd>
              {roleName}
              {person.role === 'admin' && person.clinical ? ` · ${t('practice.people.alsoClinician')}` : ''}
              {person.clinical ? ` · ${t('practice.people.couples', { count: person.couples })}` : ''}
            </dd>
          </div>
        </dl>
      </div>
      {editable ? (
        <div className="person-actions">
          <SelectField<AssignableRole>
            label={t('practice.people.changeRole', { name: person.name })}
            value={person.role === 'admin' ? 'admin' : 'clinician'}
            onChange={(role) => void update({ role })}
            options={[
              { id: 'clinician', label: t('practice.roles.clinician') },
              { id: 'admin', label: t('practice.roles.admin') },
            ]}
          />
          {person.role === 'admin' ? (
            <Checkbox
              className="checkbox"
              isSelected={person.clinical}
              onChange={(clinical) => void update({ clinical })}
            >
              <span className="checkbox-box" aria-hidden="true" />
              {t('practice.people.clinicalFor', { name: person.name })}
            </Checkbox>
          ) : null}
          <ConfirmDialog
            triggerLabel={t('practice.people.deactivate')}
            triggerClassName="btn btn-secondary btn-small"
            title={t('practice.people.deactivateTitle', { name: person.name })}
            body={t('practice.people.deactivateBody')}
            confirmLabel={t('practice.people.deactivate')}
            tone="danger"
            onConfirm={async () => {
              const res = await api.deactivatePerson(person.id, person.couples > 0 ? reassignTo || null : null);
              if (!res.ok) return res.error;
              onChanged(t('practice.people.deactivated_done', { name: person.name }));
              return null;
            }}
          >
            {person.couples > 0 ? (
              <SelectField<string>
                label={t('practice.people.reassignTo')}
                value={reassignTo}
                onChange={setReassignTo}
                options={others.map((r) => ({ id: r.id, label: r.name }))}
              />
            ) : null}
          </ConfirmDialog>
        </div>
      ) : null}
    </li>
  );
}
