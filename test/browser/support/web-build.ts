import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The built web app the API serves in these tests (npm test builds it first; npm run build:web otherwise).
 * TEST_WEB_DIST_DIR points at another build, for example a development build with React's full error messages:
 * `NODE_ENV=development npx vite build --config apps/web/vite.config.mts --mode development --outDir /tmp/web-dev`.
 */
export function webBuildDir(): string {
  const dir = process.env.TEST_WEB_DIST_DIR ?? resolve(__dirname, '../../../dist/web');
  if (!existsSync(resolve(dir, 'index.html'))) {
    throw new Error(`There is no web build in ${dir}. Run "npm run build:web" before the browser tests.`);
  }
  return dir;
}
