import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@outside-in/common';
import { dataSourceOptions, Organisation } from '@outside-in/database';
import { AuditQueryService } from '../audit/audit-query.service';

/** `npm run audit:verify [organisation-id]`: checks every organisation's chain (or one); exit 1 on any problem. */
async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
  await dataSource.initialize();
  try {
    const verifier = new AuditQueryService(dataSource);
    const only = process.argv[2];
    const organisations = await dataSource
      .getRepository(Organisation)
      .find(only ? { where: { id: only } } : {});
    if (only && !organisations.length) throw new Error(`No organisation with id ${only}`);
    let failed = 0;
    for (const organisation of organisations) {
      const result = await verifier.verify(organisation.id);
      console.log(
        `${result.ok ? 'OK  ' : 'FAIL'} ${organisation.name} (${organisation.id}): ${result.message}`,
      );
      if (!result.ok) failed++;
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
