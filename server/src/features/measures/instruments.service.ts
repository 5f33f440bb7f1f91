/**
 * Instrument definitions: Tandem's built-ins (in code) and those a practice imported (stored, every version).
 * A definition is found by id and version, so answers are always read against the version they were given to.
 */
import {
  BUILTIN_INSTRUMENTS,
  BUILTIN_INSTRUMENT_PREFIX,
  ErrorCode,
  builtinInstrument,
  type ImportedInstrumentDto,
  type InstrumentDefinition,
  type InstrumentSummaryDto,
} from '@tandem/shared';
import { instrumentDefinitionSchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';

const summary = (d: InstrumentDefinition, importedAt: number | null): InstrumentSummaryDto => ({
  id: d.id,
  version: d.version,
  builtin: importedAt === null,
  name: d.name,
  respondent: d.respondent,
  occasions: d.occasions,
  importedAt: toIso(importedAt),
});

export class InstrumentsService {
  constructor(private readonly ctx: AppContext) {}

  /** A definition this therapist may use: a built-in, or one of their practice's imports. */
  async definition(therapistId: string, id: string, version: number): Promise<InstrumentDefinition | undefined> {
    if (id.startsWith(BUILTIN_INSTRUMENT_PREFIX)) return builtinInstrument(id, version);
    const row = await this.ctx.db
      .selectFrom('instruments')
      .select('definition')
      .where('therapist_id', '=', therapistId)
      .where('instrument_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    // Stored definitions were validated on import; parsing again keeps a hand-edited row from reaching a client.
    return row ? instrumentDefinitionSchema.parse(JSON.parse(row.definition)) : undefined;
  }

  /** The newest version of an instrument this therapist may use (for charts across versions and plan targets). */
  async newest(therapistId: string, id: string): Promise<InstrumentDefinition | undefined> {
    if (id.startsWith(BUILTIN_INSTRUMENT_PREFIX)) return builtinInstrument(id);
    const row = await this.ctx.db
      .selectFrom('instruments')
      .select('version')
      .where('therapist_id', '=', therapistId)
      .where('instrument_id', '=', id)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return row ? this.definition(therapistId, id, Number(row.version)) : undefined;
  }

  async require(therapistId: string, id: string, version: number): Promise<InstrumentDefinition> {
    const def = await this.definition(therapistId, id, version);
    if (!def) throw notFound('No such instrument version.');
    return def;
  }

  /** The built-ins and every imported version, newest first within an id. */
  async list(therapistId: string): Promise<InstrumentSummaryDto[]> {
    const rows = await this.ctx.db
      .selectFrom('instruments')
      .select(['definition', 'imported_at'])
      .where('therapist_id', '=', therapistId)
      .orderBy('instrument_id')
      .orderBy('version', 'desc')
      .execute();
    return [
      ...BUILTIN_INSTRUMENTS.map((d) => summary(d, null)),
      ...rows.map((r) => summary(JSON.parse(r.definition) as InstrumentDefinition, Number(r.imported_at))),
    ];
  }

  /**
   * Imports a validated definition as a new version. The same id and version again with the same content changes
   * nothing; with other content, or below the newest version, it is refused (versions are never rewritten).
   */
  async import(therapistId: string, def: InstrumentDefinition): Promise<ImportedInstrumentDto> {
    const json = JSON.stringify(def);
    const newest = await this.ctx.db
      .selectFrom('instruments')
      .select(['version', 'definition', 'imported_at'])
      .where('therapist_id', '=', therapistId)
      .where('instrument_id', '=', def.id)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (newest && newest.version === def.version) {
      if (newest.definition === json) {
        return { definition: def, importedAt: toIso(Number(newest.imported_at)) ?? '', created: false };
      }
      throw new AppError(
        ErrorCode.CONFLICT,
        `Version ${def.version} of ${def.id} exists with other content; import the change as version ${def.version + 1}.`,
      );
    }
    if (newest && newest.version > def.version) {
      throw new AppError(ErrorCode.CONFLICT, `${def.id} already has a newer version (${newest.version}).`);
    }
    const now = this.ctx.clock.now();
    try {
      await this.ctx.db
        .insertInto('instruments')
        .values({
          therapist_id: therapistId,
          instrument_id: def.id,
          version: def.version,
          definition: json,
          imported_at: now,
        })
        .execute();
    } catch (err) {
      // Two imports of the same version at once: the second one is told, like a repeat.
      const again = await this.definition(therapistId, def.id, def.version);
      if (again && JSON.stringify(again) === json) {
        return { definition: def, importedAt: toIso(now) ?? '', created: false };
      }
      if (again) throw new AppError(ErrorCode.CONFLICT, `Version ${def.version} of ${def.id} was just imported.`);
      throw err;
    }
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'instrument.import',
      targetId: `${def.id}@${def.version}`,
    });
    return { definition: def, importedAt: toIso(now) ?? '', created: true };
  }
}
