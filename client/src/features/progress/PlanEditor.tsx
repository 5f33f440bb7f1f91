import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  CONFLICT_METRICS,
  GOAL_OWNERS,
  MEASURED_WHOSE,
  type ConflictMetric,
  type Direction,
  type InstrumentSummaryDto,
  type MeasuredWhose,
  type ObjectiveMeasure,
  type PlanContent,
  type PlanGoal,
  type PlanObjective,
} from '@tandem/shared';
import { SelectField, TextInputField } from '../../components/fields';
import { NumberInputField } from '../../components/numberField';
import { DayField } from '../../components/DayField';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
type Kind = ObjectiveMeasure['kind'];

export function newObjective(instrumentId: string): PlanObjective {
  return {
    id: crypto.randomUUID(),
    text: '',
    measure: { kind: 'instrument', instrumentId, whose: 'both' },
    target: 0,
    direction: 'up',
    startDate: isoDay(Date.now()),
    reviewDate: null,
  };
}

/** Edits the whole plan (goals and their objectives) as a draft; the page saves it as a new version. */
export function PlanEditor({
  draft,
  onChange,
  instruments,
  names,
  renderStatus,
}: {
  draft: PlanContent;
  onChange: (next: PlanContent) => void;
  instruments: InstrumentSummaryDto[];
  names: { a: string; b: string };
  /** The saved objective's status and chart, under its fields. */
  renderStatus: (objectiveId: string) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const firstInstrument = instruments[0]?.id ?? 'tandem.weekly-ratings';
  const setGoal = (gi: number, goal: PlanGoal) =>
    onChange({ ...draft, goals: draft.goals.map((g, i) => (i === gi ? goal : g)) });
  const setObjective = (gi: number, oi: number, o: PlanObjective) => {
    const goal = draft.goals[gi]!;
    setGoal(gi, { ...goal, objectives: goal.objectives.map((x, i) => (i === oi ? o : x)) });
  };
  const measureFor = (kind: Kind, prev: ObjectiveMeasure): ObjectiveMeasure => {
    const whose: MeasuredWhose = prev.kind === 'tasks' ? 'both' : prev.whose;
    if (kind === 'instrument') return { kind, instrumentId: firstInstrument, whose };
    if (kind === 'conflict') return { kind, metric: 'fightLength', whose };
    return { kind: 'tasks' };
  };
  const uniqueInstruments = instruments.filter((d, i) => instruments.findIndex((x) => x.id === d.id) === i);
  const whoseOptions = MEASURED_WHOSE.map((w) => ({
    id: w,
    label: t(`progress.whoseOption.${w}`, { name: w === 'both' ? '' : names[w] }),
  }));

  return (
    <div className="plan-editor">
      <div className="plan-interval">
        <NumberInputField
          label={t('progress.reviewInterval')}
          minValue={7}
          maxValue={365}
          value={draft.reviewIntervalDays}
          onChange={(v) => onChange({ ...draft, reviewIntervalDays: Number.isFinite(v) ? v : 90 })}
        />
      </div>
      {draft.goals.length === 0 ? <p className="muted">{t('progress.noGoals')}</p> : null}
      {draft.goals.map((goal, gi) => (
        <fieldset key={goal.id} className="plan-goal" data-goal={goal.id}>
          <legend>{goal.title || t('progress.goalTitle')}</legend>
          <div className="plan-row">
            <TextInputField
              label={t('progress.goalTitle')}
              value={goal.title}
              maxLength={200}
              onChange={(title) => setGoal(gi, { ...goal, title })}
            />
            <SelectField
              label={t('progress.goalOwner')}
              value={goal.owner}
              options={GOAL_OWNERS.map((o) => ({
                id: o,
                label: t(`progress.owner.${o}`, { name: o === 'shared' ? '' : names[o] }),
              }))}
              onChange={(owner) => setGoal(gi, { ...goal, owner })}
            />
          </div>
          <h3 className="plan-objectives-heading">{t('progress.objectives')}</h3>
          {goal.objectives.map((o, oi) => {
            const m = o.measure;
            const set = (patch: Partial<PlanObjective>) => setObjective(gi, oi, { ...o, ...patch });
            return (
              <div key={o.id} className="plan-objective" data-objective-editor={o.id}>
                <TextInputField
                  label={t('progress.objectiveText')}
                  value={o.text}
                  maxLength={300}
                  onChange={(text) => set({ text })}
                />
                <div className="plan-row">
                  <SelectField<Kind>
                    label={t('progress.measureKind')}
                    value={m.kind}
                    options={(['instrument', 'conflict', 'tasks'] as const).map((k) => ({
                      id: k,
                      label: t(`progress.kind.${k}`),
                    }))}
                    onChange={(kind) => set({ measure: measureFor(kind, m) })}
                  />
                  {m.kind === 'instrument' ? (
                    <SelectField
                      label={t('progress.instrument')}
                      value={m.instrumentId}
                      options={uniqueInstruments.map((d) => ({ id: d.id, label: d.name[lang] }))}
                      onChange={(instrumentId) => set({ measure: { ...m, instrumentId } })}
                    />
                  ) : null}
                  {m.kind === 'conflict' ? (
                    <SelectField<ConflictMetric>
                      label={t('progress.metricLabel')}
                      value={m.metric}
                      options={CONFLICT_METRICS.map((k) => ({ id: k, label: t(`progress.metric.${k}`) }))}
                      onChange={(metric) => set({ measure: { ...m, metric } })}
                    />
                  ) : null}
                  {m.kind !== 'tasks' ? (
                    <SelectField<MeasuredWhose>
                      label={t('progress.whose')}
                      value={m.whose}
                      options={whoseOptions}
                      onChange={(whose) => set({ measure: { ...m, whose } })}
                    />
                  ) : null}
                </div>
                <div className="plan-row">
                  <NumberInputField
                    label={m.kind === 'tasks' ? `${t('progress.target')} (%)` : t('progress.target')}
                    value={o.target}
                    minValue={m.kind === 'tasks' ? 0 : undefined}
                    maxValue={m.kind === 'tasks' ? 100 : undefined}
                    onChange={(target) => set({ target: Number.isFinite(target) ? target : 0 })}
                  />
                  <SelectField<Direction>
                    label={t('progress.direction')}
                    value={o.direction}
                    options={(['up', 'down'] as const).map((d) => ({
                      id: d,
                      label: t(`progress.directionOption.${d}`),
                    }))}
                    onChange={(direction) => set({ direction })}
                  />
                  <DayField
                    label={t('progress.startDate')}
                    value={o.startDate}
                    onChange={(startDate) => set({ startDate })}
                  />
                  <DayField
                    label={t('progress.reviewDate')}
                    value={o.reviewDate ?? ''}
                    onChange={(d) => set({ reviewDate: d || null })}
                  />
                </div>
                {renderStatus(o.id)}
                <Button
                  className="btn btn-quiet btn-small"
                  onPress={() => setGoal(gi, { ...goal, objectives: goal.objectives.filter((_, i) => i !== oi) })}
                >
                  {t('progress.removeObjective')}
                  <span className="visually-hidden"> {o.text}</span>
                </Button>
              </div>
            );
          })}
          <div className="plan-actions">
            <Button
              className="btn btn-secondary btn-small"
              isDisabled={goal.objectives.length >= 8}
              onPress={() => setGoal(gi, { ...goal, objectives: [...goal.objectives, newObjective(firstInstrument)] })}
            >
              {t('progress.addObjective')}
              <span className="visually-hidden"> {goal.title}</span>
            </Button>
            <Button
              className="btn btn-quiet btn-small"
              onPress={() => onChange({ ...draft, goals: draft.goals.filter((_, i) => i !== gi) })}
            >
              {t('progress.removeGoal')}
              <span className="visually-hidden"> {goal.title}</span>
            </Button>
          </div>
        </fieldset>
      ))}
      <Button
        className="btn btn-secondary"
        isDisabled={draft.goals.length >= 12}
        onPress={() =>
          onChange({
            ...draft,
            goals: [
              ...draft.goals,
              { id: crypto.randomUUID(), title: '', owner: 'shared', objectives: [newObjective(firstInstrument)] },
            ],
          })
        }
      >
        {t('progress.addGoal')}
      </Button>
    </div>
  );
}
