// Written by `npm run migration:generate`; hand-written migrations are added here too, in order.
import * as m0 from './1795767946427-foundation';
import * as m1 from './1795767946428-audit-append-only';
import * as m2 from './1795777766823-channels';
import * as m3 from './1795778148184-publishing';
import * as m4 from './1795778202967-inbox';
import * as m5 from './1795779236413-guardrail-settings';
import * as m6 from './1795780885386-posts-approval-pause';
import * as m7 from './1795781550105-inbox-work';
import * as m8 from './1795781642987-records-holds-foi';
import * as m9 from './1795782879825-reply-not-before';
import * as m10 from './1795789003922-inbox-round-robin-auto';
import * as m11 from './1795789043533-bilingual-pairs';
import * as m12 from './1795789113046-inbox-guardrails-measures';
import * as m13 from './1795789167013-inbox-webhooks-edits';

type MigrationClass = new () => unknown;

export const MIGRATIONS: MigrationClass[] = [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13].flatMap(
  (module) => Object.values(module) as MigrationClass[],
);
