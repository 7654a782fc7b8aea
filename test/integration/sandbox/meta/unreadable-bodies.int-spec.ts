import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';

describe('Meta sandbox: bodies the parser cannot read', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  it('answers malformed JSON with Graph’s #100 error, not a generic one', async () => {
    const page = await sandbox.createAccount<{ pageId: string; pageAccessToken: string }>('facebook');
    const response = await fetch(`${sandbox.url}/meta/v21.0/${page.credentials.pageId}/feed`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${page.credentials.pageAccessToken}`,
      },
      body: '{"message": "Bins are collected',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: number; message: string; type: string; fbtrace_id: string };
    };
    expect(body.error.code).toBe(100);
    expect(body.error.message).toMatch(/^\(#100\) The request body could not be read/);
    expect(body.error.type).toEqual(expect.any(String));
    expect(body.error.fbtrace_id).toEqual(expect.any(String));
  });

  it('leaves other networks’ unreadable bodies to them', async () => {
    const response = await fetch(`${sandbox.url}/x/2/tweets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nobody' },
      body: '{',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
