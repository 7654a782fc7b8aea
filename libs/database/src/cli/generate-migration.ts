import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@outside-in/common';
import { diffEntitiesAgainstMigrations } from './schema-diff';

const MIGRATIONS_DIR = join(__dirname, '../../../../../libs/database/src/migrations');

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/** Writes a migration for whatever the entities add to the committed schema, and re-lists the migrations. */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Give the migration a PascalCase name: npm run migration:generate -- AddChannels');
    process.exit(2);
  }
  const { up, down } = await diffEntitiesAgainstMigrations(loadConfig().DATABASE_URL);
  if (!up.length) {
    console.log('Nothing to generate: the migrations already match the entities.');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }
}
`;
  const file = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
  writeFileSync(join(MIGRATIONS_DIR, file), body);
  writeIndex();
  console.log(`Wrote libs/database/src/migrations/${file}. Review it, then commit it.`);
}

/** migrations/index.ts lists every migration in order, so nothing is loaded by a file glob. */
function writeIndex(): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+-.*\.ts$/.test(f))
    .sort();
  const imports = files.map((f, i) => `import * as m${i} from './${f.replace(/\.ts$/, '')}';`);
  const content = `// Written by \`npm run migration:generate\`; hand-written migrations are added here too, in order.
${imports.join('\n')}

type MigrationClass = new () => unknown;

export const MIGRATIONS: MigrationClass[] = [${files.map((_, i) => `m${i}`).join(', ')}].flatMap(
  (module) => Object.values(module) as MigrationClass[],
);
`;
  writeFileSync(join(MIGRATIONS_DIR, 'index.ts'), content);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
