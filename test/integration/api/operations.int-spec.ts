import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { startApi, TestApi } from '../../support/api-harness';
import { signUp } from '../../support/api-client';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');

describe('health, metrics, documentation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('reports liveness and readiness of Postgres and Redis', async () => {
    await request(api.url).get('/api/health/live').expect(200, { status: 'ok' });
    const ready = await request(api.url).get('/api/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('reports not ready, naming the failing dependency, when Redis is unreachable', async () => {
    const broken = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const ready = await request(broken.url).get('/api/health/ready').expect(503);
      expect(ready.body.status).toBe('unavailable');
      expect(ready.body.checks.postgres).toEqual({ status: 'up' });
      expect(ready.body.checks.redis.status).toBe('down');
    } finally {
      await broken.stop();
    }
  });

  it('exposes Prometheus metrics with latency by route template and queue depths', async () => {
    const owner = await signUp(api);
    await owner.get(`/api/orgs/${owner.orgId}/members`).expect(200);
    const metrics = await request(api.url).get('/api/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(
      /outside_in_http_request_duration_seconds_count\{method="GET",route="\/api\/orgs\/:orgId\/members",status="200"\} 1/,
    );
    expect(metrics.text).toMatch(/outside_in_queue_jobs\{queue="maintenance",state="waiting"\} \d+/);
    expect(metrics.text).toMatch(
      /outside_in_queue_job_outcomes_total\{queue="maintenance",outcome="completed"\} \d+/,
    );
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await request(api.url).get('/api/docs-json').expect(200);
    expect(doc.body.info.title).toBe('Outside In API');
    expect(Object.keys(doc.body.paths)).toContain('/api/orgs/{orgId}/audit/verify');
    const ui = await request(api.url).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('serves the web app for deep links outside /api, when it has been built', async () => {
    if (!existsSync(join(ROOT, 'dist/web/index.html')))
      throw new Error('Build the web app first: npm run build:web');
    const page = await request(api.url).get('/invitations/some-token').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('<div id="root">');
  });
});

describe('configuration at boot', () => {
  it('stops with a message naming the bad variable and an example', async () => {
    const entry = join(ROOT, 'dist/apps/api/src/main.js');
    if (!existsSync(entry)) throw new Error('Build the server first: npm run build:server');
    const result = await run(process.execPath, [entry], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'mysql://nope' },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT="eighty" is not valid');
    expect(result.stderr).toContain('Example: PORT=3000');
    expect(result.stderr).toContain('DATABASE_URL="mysql://nope" is not valid');
  });
});
