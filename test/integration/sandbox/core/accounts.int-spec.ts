import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import { STAND_IN, StandInNetworkModule } from './stand-in-network.module';

describe('sandbox accounts (POST /_sandbox/accounts)', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ imports: [StandInNetworkModule] });
  });
  afterAll(() => sandbox.stop());

  it('creates an account and returns the credentials the network issued', async () => {
    const account = await sandbox.createAccount(STAND_IN, {
      handle: 'cardiff_council',
      displayName: 'Cardiff',
    });
    expect(account).toMatchObject({ network: STAND_IN, handle: 'cardiff_council', displayName: 'Cardiff' });
    expect(account.accountId).toMatch(/^acct[0-9a-f]{12}$/);
    expect(account.credentials.token).toMatch(/^[0-9a-f]{32}$/);

    const list = await sandbox.control<{ items: { accountId: string; handle: string }[] }>(
      'GET',
      `/_sandbox/accounts?network=${STAND_IN}`,
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({ accountId: account.accountId, handle: 'cardiff_council' }),
    ]);
  });

  it('refuses a network that is not running, naming the ones that are', async () => {
    const { status, body } = await sandbox.control('POST', '/_sandbox/accounts', { network: 'myspace' });
    expect(status).toBe(400);
    expect(body.message).toContain('network "myspace" is not running');
    expect(body.message).toContain(STAND_IN);
    expect(body.details).toEqual([{ field: 'network', problem: expect.stringContaining(STAND_IN) }]);
  });

  it('lists every bad field', async () => {
    const { status, body } = await sandbox.control('POST', '/_sandbox/accounts', {
      handle: 'has spaces and is far too long',
      displayName: '',
      colour: 'red',
    });
    expect(status).toBe(400);
    const fields = body.details!.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['colour', 'displayName', 'handle', 'network']));
    expect(body.message).toContain('handle must be 1 to 15 letters, digits or underscores');
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const { status } = await sandbox.control('POST', '/_sandbox/accounts', '{"network": ');
    expect(status).toBe(400);
  });

  it('reports health with the networks running', async () => {
    const { status, body } = await sandbox.control<{ status: string; networks: string[] }>(
      'GET',
      '/_sandbox/health',
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.networks).toEqual(
      expect.arrayContaining([STAND_IN, 'x', 'facebook', 'instagram', 'mastodon', 'bluesky']),
    );
  });

  it('serves its own OpenAPI document, with the controls and without the networks', async () => {
    const { status, body } = await sandbox.control<{ paths: Record<string, unknown> }>(
      'GET',
      '/_sandbox/docs-json',
    );
    expect(status).toBe(200);
    const paths = Object.keys(body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/_sandbox/accounts',
        '/_sandbox/ledger',
        '/_sandbox/faults',
        '/_sandbox/health',
      ]),
    );
    expect(paths.filter((p) => !p.startsWith('/_sandbox/'))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining(['/_sandbox/crowd', '/_sandbox/crowd/burst', '/_sandbox/rate-limits']),
    );
    const ui = await fetch(`${sandbox.url}/_sandbox/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
