import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

export function migration0002(kind: DbKind): Migration {
  const binary = kind === 'postgres' ? sql`bytea` : sql`blob`;
  const serialId = kind === 'postgres' ? sql`bigserial` : sql`integer`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('collab_updates')
        .addColumn('id', serialId, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('update', binary, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('collab_updates_doc_idx').on('collab_updates').columns(['doc_name', 'id']).execute();
      await db.schema
        .createTable('collab_snapshots')
        .addColumn('doc_name', 'text', (c) => c.primaryKey())
        .addColumn('state', binary, (c) => c.notNull())
        .addColumn('upto_id', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('map_settings')
        .addColumn('couple_id', 'text', (c) => c.primaryKey().references('couples.id').onDelete('cascade'))
        .addColumn('locked_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('map_snapshots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('state', binary, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('map_snapshots_couple_idx')
        .on('map_snapshots')
        .columns(['couple_id', 'created_at'])
        .execute();
    },
  };
}
