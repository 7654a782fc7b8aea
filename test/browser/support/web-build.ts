import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built web app the API serves in these tests (npm test builds it first; npm run build:web otherwise). */
export function webBuildDir(): string {
  const dir = resolve(__dirname, '../../../dist/web');
  if (!existsSync(resolve(dir, 'index.html'))) {
    throw new Error(`There is no web build in ${dir}. Run "npm run build:web" before the browser tests.`);
  }
  return dir;
}
