import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Admission per device: each guest grant (one device that redeemed a link) carries its own id, admission,
 * reconnect clock and policy acknowledgement. A second device of the same partner waits until the therapist
 * admits that device.
 */
export function migration0007(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('guest_grants').addColumn('device_id', 'text').execute();
      await db.schema
        .alterTable('guest_grants')
        .addColumn('admission', 'text', (c) => c.notNull().defaultTo('waiting'))
        .execute();
      await db.schema.alterTable('guest_grants').addColumn('disconnected_at', 'bigint').execute();
      await db.schema.alterTable('guest_grants').addColumn('policy_ack_at', 'bigint').execute();
      const rows = await sql<{ token_hash: string }>`select token_hash from guest_grants`.execute(db);
      for (const r of rows.rows) {
        await sql`update guest_grants set device_id = ${randomUUID()} where token_hash = ${r.token_hash}`.execute(db);
      }
      await sql`update guest_grants set policy_ack_at = (select sp.policy_ack_at from session_participants sp
        where sp.session_id = guest_grants.session_id and sp.partner_id = guest_grants.partner_id)`.execute(db);
      await db.schema.createIndex('guest_grants_device_idx').on('guest_grants').column('device_id').unique().execute();
      await db.schema
        .createIndex('guest_grants_partner_idx')
        .on('guest_grants')
        .columns(['session_id', 'partner_id'])
        .execute();
    },
  };
}
