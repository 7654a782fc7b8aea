import {
  expectValidResponses,
  OpenApiResponseValidator,
  validateCapturedResponses,
} from '../../../support/openapi-validator';
import type { CapturedResponse } from '../../../support/sandbox-harness';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

function captured(
  partial: Partial<CapturedResponse> & Pick<CapturedResponse, 'method' | 'path' | 'status'>,
): CapturedResponse {
  return {
    url: partial.path,
    contentType: 'application/json; charset=utf-8',
    headers: {},
    body: Buffer.alloc(0),
    ...partial,
  };
}

describe('OpenAPI response validator (X API v2 and Mastodon specs)', () => {
  const x = OpenApiResponseValidator.forSpec('x');
  const mastodon = OpenApiResponseValidator.forSpec('mastodon');

  it('accepts an X response that matches the spec, with or without the sandbox prefix', () => {
    const body = json({ data: { id: '2244994945', name: 'Cardiff Council', username: 'cardiffcouncil' } });
    for (const path of ['/x/2/users/me', '/2/users/me']) {
      const result = x.validate({ method: 'GET', path, status: 200, contentType: 'application/json', body });
      expect(result).toEqual({ valid: true, operation: 'GET /2/users/me', errors: [] });
    }
  });

  it('rejects an X body of the wrong shape, saying where', () => {
    const result = x.validate({
      method: 'GET',
      path: '/x/2/users/me',
      status: 200,
      contentType: 'application/json',
      body: json({ data: { id: 2244994945, username: ['cardiffcouncil'] } }),
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/data\/id must be string/);
    expect(result.errors.join('\n')).toMatch(/\/data\/username must be string/);
  });

  it('prefers the literal path over a templated one', () => {
    const result = x.validate({
      method: 'GET',
      path: '/x/2/tweets/search/recent',
      status: 200,
      contentType: 'application/json',
      body: json({ meta: { result_count: 0 } }),
    });
    expect(result.operation).toBe('GET /2/tweets/search/recent');
    expect(result.valid).toBe(true);
  });

  it('checks the error shape and content type X documents', () => {
    const problem = {
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.x.com/2/problems/invalid-request',
    };
    const ok = x.validate({
      method: 'POST',
      path: '/x/2/tweets',
      status: 400,
      contentType: 'application/problem+json',
      body: json(problem),
    });
    expect(ok.valid).toBe(true);
    // What real X sends for a 401 is a generic RFC 7807 problem, which the spec's Problem does not list.
    const aboutBlank = {
      contentType: 'application/problem+json',
      body: json({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }),
    };
    const request = { method: 'POST', path: '/x/2/tweets', status: 401, ...aboutBlank };
    expect(x.validate(request).valid).toBe(false);
    expect(x.validate(request, { allowAboutBlankProblems: true }).valid).toBe(true);
    expect(x.validate({ ...request, status: 429 }, { allowAboutBlankProblems: true }).valid).toBe(false);
    const wrongType = x.validate({
      method: 'POST',
      path: '/x/2/tweets',
      status: 401,
      contentType: 'text/html',
      body: '<h1>401</h1>',
    });
    expect(wrongType.valid).toBe(false);
    expect(wrongType.errors[0]).toContain('content type "text/html" is not one of');
    const notJson = x.validate({
      method: 'POST',
      path: '/x/2/tweets',
      status: 401,
      contentType: 'application/problem+json',
      body: 'Unauthorized',
    });
    expect(notJson.errors[0]).toContain('the body is not JSON');
  });

  it('rejects a Mastodon body of the wrong shape and an undocumented status', () => {
    const error = mastodon.validate({
      method: 'POST',
      path: '/mastodon/api/v1/statuses',
      status: 422,
      contentType: 'application/json',
      body: json({ error: 'Validation failed: Text can’t be blank' }),
    });
    expect(error).toEqual({ valid: true, operation: 'POST /api/v1/statuses', errors: [] });
    const wrong = mastodon.validate({
      method: 'POST',
      path: '/mastodon/api/v1/statuses',
      status: 422,
      contentType: 'application/json',
      body: json({ message: 'Validation failed' }),
    });
    expect(wrong.valid).toBe(false);
    expect(wrong.errors[0]).toContain("must have required property 'error'");
    const status = mastodon.validate({
      method: 'POST',
      path: '/mastodon/api/v1/statuses',
      status: 200,
      contentType: 'application/json',
      body: json({ id: '103254962155278888', content: '<p>hello</p>' }),
    });
    expect(status.valid).toBe(false);
    const teapot = mastodon.validate({ method: 'POST', path: '/mastodon/api/v1/statuses', status: 418 });
    expect(teapot.errors[0]).toContain('status 418 is not documented');
  });

  it('reports operations the spec does not have', () => {
    const result = mastodon.validate({ method: 'GET', path: '/mastodon/api/v1/made-up', status: 200 });
    expect(result).toMatchObject({ valid: false, notInSpec: true });
  });

  it('validates captured sandbox responses by prefix, skipping other networks and allowed routes', () => {
    const responses = [
      captured({ method: 'GET', path: '/x/2/users/me', status: 200, body: json({ data: { id: 1 } }) }),
      captured({
        method: 'GET',
        path: '/bluesky/xrpc/app.bsky.feed.getTimeline',
        status: 200,
        body: json({}),
      }),
      captured({ method: 'POST', path: '/x/2/oauth2/token', status: 200, body: json({ access_token: 'a' }) }),
      captured({ method: 'GET', path: '/_sandbox/health', status: 200, body: json({ status: 'ok' }) }),
    ];
    const problems = validateCapturedResponses(responses, { notInSpec: [/^POST \/x\/2\/oauth2\/token$/] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('GET /x/2/users/me -> 200');
    expect(() => expectValidResponses(responses)).toThrow(/2 response\(s\) do not match/);
  });

  it('checks Mastodon answers served at the root, where masto calls them', () => {
    const responses = [
      captured({ method: 'POST', path: '/api/v1/statuses', status: 422, body: json({ message: 'no' }) }),
      captured({ method: 'POST', path: '/oauth/token', status: 401, body: json({ nope: true }) }),
      captured({ method: 'GET', path: '/xrpc/app.bsky.feed.getTimeline', status: 200, body: json({}) }),
    ];
    const problems = validateCapturedResponses(responses);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('POST /api/v1/statuses -> 422');
    expect(problems[1]).toContain('POST /oauth/token -> 401');
  });
});
