import type { Migration, MigrationProvider } from 'kysely';
import type { DbKind } from './database.js';
import { migration0001 } from './migrations/0001_foundation.js';
import { migration0002 } from './migrations/0002_collab.js';
import { migration0003 } from './migrations/0003_timers.js';
import { migration0004 } from './migrations/0004_video.js';
import { migration0005 } from './migrations/0005_private.js';
import { migration0006 } from './migrations/0006_first_run.js';
import { migration0007 } from './migrations/0007_devices.js';
import { migration0008 } from './migrations/0008_session_record.js';
import { migration0009 } from './migrations/0009_partner_summaries.js';
import { migration0010 } from './migrations/0010_practice_name.js';
import { migration0011 } from './migrations/0011_safety.js';
import { migration0012 } from './migrations/0012_measures.js';
import { migration0013 } from './migrations/0013_between.js';
import { migration0014 } from './migrations/0014_plan.js';
import { migration0015 } from './migrations/0015_followup.js';
import { migration0016 } from './migrations/0016_screening.js';
import { migration0017 } from './migrations/0017_weekly_period.js';
import { migration0018 } from './migrations/0018_joint_pause.js';
import { migration0019 } from './migrations/0019_drafts.js';
import { migration0020 } from './migrations/0020_policy.js';
import { migration0021 } from './migrations/0021_schedule.js';
import { migration0022 } from './migrations/0022_mail.js';
import { migration0023 } from './migrations/0023_account_security.js';
import { migration0024 } from './migrations/0024_practice_roles.js';
import { migration0025 } from './migrations/0025_client_data.js';
import { migration0026 } from './migrations/0026_cotherapy.js';

/**
 * Migrations run in key order. One file per migration under ./migrations; never edit one that has shipped,
 * add a new file and a line here.
 */
const all: Record<string, (kind: DbKind) => Migration> = {
  '0001_foundation': migration0001,
  '0002_collab': migration0002,
  '0003_timers': migration0003,
  '0004_video': migration0004,
  '0005_private': migration0005,
  '0006_first_run': migration0006,
  '0007_devices': migration0007,
  '0008_session_record': migration0008,
  '0009_partner_summaries': migration0009,
  '0010_practice_name': migration0010,
  '0011_safety': migration0011,
  '0012_measures': migration0012,
  '0013_between': migration0013,
  '0014_plan': migration0014,
  '0015_followup': migration0015,
  '0016_screening': migration0016,
  '0017_weekly_period': migration0017,
  '0018_joint_pause': migration0018,
  '0019_drafts': migration0019,
  '0020_policy': migration0020,
  '0021_schedule': migration0021,
  '0022_mail': migration0022,
  '0023_account_security': migration0023,
  '0024_practice_roles': migration0024,
  '0025_client_data': migration0025,
  '0026_cotherapy': migration0026,
};

export function migrationProvider(kind: DbKind): MigrationProvider {
  return {
    getMigrations: () => Promise.resolve(Object.fromEntries(Object.entries(all).map(([k, m]) => [k, m(kind)]))),
  };
}
