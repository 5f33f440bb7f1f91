import { useState } from 'react';
import '../../styles/scripts.css';
import { Button, Form, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, SCRIPT_LIMITS as L } from '@tandem/shared';
import type { Language, ScriptBody, ScriptContent, ScriptStep } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { SelectField, TextInputField } from '../../components/fields';
import { NumberInputField } from '../../components/numberField';
import { PendingButton } from '../../components/PendingButton';
import type { AppError } from '../../lib/api';
import { editorProblems } from './editorProblems';
import type { EditorProblem } from './editorProblems';

interface ScriptEditorProps {
  initial: ScriptBody;
  onSave: (body: ScriptBody) => Promise<AppError | null>;
  /** Just created (the page moved to the new script's address): say it was saved. */
  initiallySaved?: boolean;
}

function TextAreaField(props: { label: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <TextField className="field" value={props.value} onChange={props.onChange}>
      <Label className="field-label">{props.label}</Label>
      <TextArea className="input textarea" rows={props.rows ?? 2} />
    </TextField>
  );
}

function nextRoleId(content: ScriptContent): string {
  for (let n = content.roles.length + 1; ; n++) {
    const id = `role-${n}`;
    if (!content.roles.some((r) => r.id === id)) return id;
  }
}

/** The therapist's script editor: roles, then steps (turn, prompt per role, stems, time), checked before saving. */
export function ScriptEditor({ initial, onSave, initiallySaved = false }: ScriptEditorProps) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>(initial.language);
  const [content, setContent] = useState<ScriptContent>(initial.content);
  const [problems, setProblems] = useState<EditorProblem[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(initiallySaved);

  const patch = (next: Partial<ScriptContent>) => {
    setSaved(false);
    setContent((c) => ({ ...c, ...next }));
  };
  const patchStep = (i: number, next: Partial<ScriptStep>) =>
    patch({ steps: content.steps.map((s, j) => (j === i ? { ...s, ...next } : s)) });

  const save = async () => {
    const found = editorProblems(content);
    setProblems(found);
    setError(null);
    if (found.length) return;
    setPending(true);
    const result = await onSave({
      language,
      content: { ...content, steps: content.steps.map((s) => ({ ...s, stems: s.stems.filter((x) => x.trim()) })) },
    });
    setPending(false);
    if (result) setError(result);
    else setSaved(true);
  };

  return (
    <Form
      className="script-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <TextInputField
        label={t('scripts.editor.name')}
        value={content.name}
        maxLength={L.nameChars}
        onChange={(name) => patch({ name })}
      />
      <TextAreaField
        label={t('scripts.editor.purpose')}
        value={content.purpose}
        onChange={(purpose) => patch({ purpose })}
      />
      <SelectField
        label={t('scripts.editor.language')}
        options={LANGUAGES.map((l) => ({ id: l, label: t(`language.${l}`), lang: l }))}
        value={language}
        onChange={setLanguage}
      />

      <fieldset className="editor-group">
        <legend>{t('scripts.editor.roles')}</legend>
        {content.roles.map((role, i) => (
          <div key={role.id} className="editor-row">
            <TextInputField
              label={t('scripts.editor.roleName', { n: i + 1 })}
              value={role.name}
              onChange={(name) => patch({ roles: content.roles.map((r, j) => (j === i ? { ...r, name } : r)) })}
            />
            {content.roles.length > L.roles.min ? (
              <Button
                className="btn btn-quiet btn-small"
                onPress={() =>
                  patch({
                    roles: content.roles.filter((_, j) => j !== i),
                    steps: content.steps.map((s) => {
                      const prompts = { ...s.prompts };
                      delete prompts[role.id];
                      const fallback = content.roles.find((r) => r.id !== role.id)?.id ?? s.turn;
                      return { ...s, prompts, turn: s.turn === role.id ? fallback : s.turn };
                    }),
                  })
                }
              >
                {t('scripts.editor.removeRole', { n: i + 1 })}
              </Button>
            ) : null}
          </div>
        ))}
        {content.roles.length < L.roles.max ? (
          <Button
            className="btn btn-secondary btn-small"
            onPress={() => patch({ roles: [...content.roles, { id: nextRoleId(content), name: '' }] })}
          >
            {t('scripts.editor.addRole')}
          </Button>
        ) : null}
      </fieldset>

      <fieldset className="editor-group">
        <legend>{t('scripts.editor.steps')}</legend>
        <ol className="editor-steps">
          {content.steps.map((step, i) => (
            <li key={i} className="editor-step">
              <h3>{t('scripts.editor.stepHeading', { n: i + 1 })}</h3>
              <TextInputField
                label={t('scripts.editor.stepTitle', { n: i + 1 })}
                value={step.title}
                onChange={(title) => patchStep(i, { title })}
              />
              <div className="editor-row">
                <SelectField
                  label={t('scripts.editor.turn')}
                  options={content.roles.map((r) => ({ id: r.id, label: r.name || r.id }))}
                  value={step.turn}
                  onChange={(turn) => patchStep(i, { turn })}
                />
                <NumberInputField
                  label={t('scripts.editor.seconds')}
                  value={step.seconds}
                  minValue={L.seconds.min}
                  maxValue={L.seconds.max}
                  step={5}
                  onChange={(seconds) => patchStep(i, { seconds })}
                />
              </div>
              {content.roles.map((r) => (
                <TextAreaField
                  key={r.id}
                  label={t('scripts.editor.prompt', { role: r.name || r.id })}
                  value={step.prompts[r.id] ?? ''}
                  onChange={(v) => patchStep(i, { prompts: { ...step.prompts, [r.id]: v } })}
                />
              ))}
              <TextAreaField
                label={t('scripts.editor.stemsLabel')}
                value={step.stems.join('\n')}
                onChange={(v) => patchStep(i, { stems: v.split('\n') })}
              />
              <div className="editor-row">
                {i > 0 ? (
                  <Button
                    className="btn btn-quiet btn-small"
                    onPress={() => {
                      const steps = [...content.steps];
                      [steps[i - 1], steps[i]] = [steps[i] as ScriptStep, steps[i - 1] as ScriptStep];
                      patch({ steps });
                    }}
                  >
                    {t('scripts.editor.moveUp', { n: i + 1 })}
                  </Button>
                ) : null}
                {content.steps.length > L.steps.min ? (
                  <Button
                    className="btn btn-quiet btn-small"
                    onPress={() => patch({ steps: content.steps.filter((_, j) => j !== i) })}
                  >
                    {t('scripts.editor.removeStep', { n: i + 1 })}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
        {content.steps.length < L.steps.max ? (
          <Button
            className="btn btn-secondary btn-small"
            onPress={() =>
              patch({
                steps: [
                  ...content.steps,
                  {
                    title: '',
                    turn: content.roles[0]?.id ?? '',
                    prompts: Object.fromEntries(content.roles.map((r) => [r.id, ''])),
                    stems: [],
                    seconds: 60,
                  },
                ],
              })
            }
          >
            {t('scripts.editor.addStep')}
          </Button>
        ) : null}
      </fieldset>

      {problems.length ? (
        <div role="alert" className="notice notice-error">
          <p>{t('scripts.editor.problems')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{t(p.key, p.values)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <p role="status" className="muted">
        {saved ? t('scripts.editor.saved') : ''}
      </p>
      <PendingButton type="submit" className="btn btn-primary" pending={pending}>
        {t('scripts.editor.save')}
      </PendingButton>
    </Form>
  );
}
