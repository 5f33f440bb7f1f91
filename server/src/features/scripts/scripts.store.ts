import type { ScriptContent, ScriptDto, ScriptRunView } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { ScriptRunsTable, ScriptsTable } from '../../db/schema.js';
import { timerColumns, timerOfRow } from '../timers/timers.store.js';

function scriptDto(row: ScriptsTable): ScriptDto {
  return {
    id: row.id,
    builtin: false,
    language: row.language,
    contents: { [row.language]: JSON.parse(row.content) as ScriptContent },
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

function runOfRow(row: ScriptRunsTable): ScriptRunView {
  return {
    id: row.id,
    scriptId: row.script_id,
    language: row.language,
    contents: JSON.parse(row.contents) as ScriptRunView['contents'],
    assignments: JSON.parse(row.assignments) as Record<string, string>,
    stepIndex: row.step_index,
    status: row.status,
    turnTimer: timerOfRow(row),
    speakerDone: row.speaker_done === 1,
    startedAt: Number(row.started_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    visits: JSON.parse(row.visits) as ScriptRunView['visits'],
  };
}

function rowOfRun(sessionId: string, run: ScriptRunView, now: number): ScriptRunsTable {
  return {
    id: run.id,
    session_id: sessionId,
    script_id: run.scriptId,
    language: run.language,
    contents: JSON.stringify(run.contents),
    assignments: JSON.stringify(run.assignments),
    step_index: run.stepIndex,
    status: run.status,
    ...timerColumns(run.turnTimer),
    speaker_done: run.speakerDone ? 1 : 0,
    visits: JSON.stringify(run.visits),
    started_at: run.startedAt,
    ended_at: run.endedAt,
    updated_at: now,
  };
}

/** Therapists' own scripts and the session's script runs. */
export class ScriptsStore {
  constructor(private readonly db: Db) {}

  async list(therapistId: string): Promise<ScriptDto[]> {
    const rows = await this.db
      .selectFrom('scripts')
      .selectAll()
      .where('therapist_id', '=', therapistId)
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map(scriptDto);
  }

  async get(therapistId: string, id: string): Promise<ScriptDto | undefined> {
    const row = await this.db
      .selectFrom('scripts')
      .selectAll()
      .where('id', '=', id)
      .where('therapist_id', '=', therapistId)
      .executeTakeFirst();
    return row ? scriptDto(row) : undefined;
  }

  async insert(row: ScriptsTable): Promise<ScriptDto> {
    await this.db.insertInto('scripts').values(row).execute();
    return scriptDto(row);
  }

  async update(therapistId: string, id: string, set: Pick<ScriptsTable, 'language' | 'content' | 'updated_at'>) {
    const res = await this.db
      .updateTable('scripts')
      .set(set)
      .where('id', '=', id)
      .where('therapist_id', '=', therapistId)
      .executeTakeFirst();
    return res.numUpdatedRows > 0n;
  }

  async remove(therapistId: string, id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('scripts')
      .where('id', '=', id)
      .where('therapist_id', '=', therapistId)
      .executeTakeFirst();
    return res.numDeletedRows > 0n;
  }

  /** The session's live (not ended) run. */
  async liveRun(sessionId: string): Promise<ScriptRunView | undefined> {
    const row = await this.db
      .selectFrom('script_runs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('status', '!=', 'ended')
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row ? runOfRow(row) : undefined;
  }

  async allLiveRuns(): Promise<{ sessionId: string; run: ScriptRunView }[]> {
    const rows = await this.db.selectFrom('script_runs').selectAll().where('status', '!=', 'ended').execute();
    return rows.map((r) => ({ sessionId: r.session_id, run: runOfRow(r) }));
  }

  /** Every run of a session (the record kept with the session). */
  async runs(sessionId: string): Promise<ScriptRunView[]> {
    const rows = await this.db
      .selectFrom('script_runs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('started_at')
      .execute();
    return rows.map(runOfRow);
  }

  async insertRun(sessionId: string, run: ScriptRunView, now: number): Promise<void> {
    await this.db
      .insertInto('script_runs')
      .values(rowOfRun(sessionId, run, now))
      .execute();
  }

  /** Saves a run unless it has ended meanwhile; false when it had. */
  async saveRun(sessionId: string, run: ScriptRunView, now: number): Promise<boolean> {
    const { id: _id, session_id: _s, ...set } = rowOfRun(sessionId, run, now);
    const res = await this.db
      .updateTable('script_runs')
      .set(set)
      .where('id', '=', run.id)
      .where('status', '!=', 'ended')
      .executeTakeFirst();
    return res.numUpdatedRows > 0n;
  }
}
