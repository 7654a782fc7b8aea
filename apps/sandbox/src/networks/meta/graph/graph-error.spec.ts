import { expiredToken, GraphError, unsupportedRequest } from './graph-error';

describe('GraphError', () => {
  it("writes Graph's error body with code, subcode and a trace id", () => {
    const body = new GraphError(506, '(#506) Duplicate status message').toBody();
    expect(body).toEqual({
      error: {
        message: '(#506) Duplicate status message',
        type: 'OAuthException',
        code: 506,
        fbtrace_id: expect.stringMatching(/^\w{10,}$/),
      },
    });
  });

  it('words an expired token as Meta does, in Pacific time, with a WWW-Authenticate header', () => {
    const error = expiredToken(new Date('2026-11-27T15:00:00Z'), new Date('2026-11-27T16:30:00Z'));
    expect(error.code).toBe(190);
    expect(error.subcode).toBe(463);
    expect(error.message).toBe(
      'Error validating access token: Session has expired on Friday, 27-Nov-26 07:00:00 PST. The current time is Friday, 27-Nov-26 08:30:00 PST.',
    );
    expect(error.headers['WWW-Authenticate']).toContain('invalid_token');
  });

  it('answers unknown ids with (#100) subcode 33 as a GraphMethodException', () => {
    const error = unsupportedRequest('GET', '42');
    expect(error.toBody().error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
    expect(error.message).toMatch(/^Unsupported get request\. Object with ID '42' does not exist/);
  });
});
