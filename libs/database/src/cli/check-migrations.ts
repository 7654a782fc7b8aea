import { loadConfig } from '@outside-in/common';
import { diffEntitiesAgainstMigrations } from './schema-diff';

/** Fails (exit 1) when the entities describe a schema the committed migrations do not create. */
async function main(): Promise<void> {
  const { up } = await diffEntitiesAgainstMigrations(loadConfig().DATABASE_URL);
  if (up.length) {
    console.error('The entities and the migrations disagree. Run `npm run migration:generate -- <Name>`.');
    for (const query of up) console.error(`  ${query};`);
    process.exit(1);
  }
  console.log('Migrations match the entities.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
