import { urlForLog } from './log-url';

describe('urlForLog', () => {
  it('hides the OAuth code and state of a callback, and keeps the rest', () => {
    expect(urlForLog('/api/channels/oauth/callback?state=abc123&code=secretcode&scope=read')).toBe(
      '/api/channels/oauth/callback?state=redacted&code=redacted&scope=read',
    );
  });

  it('hides webhook verification tokens', () => {
    expect(urlForLog('/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=42')).toBe(
      '/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=redacted&hub.challenge=redacted',
    );
  });

  it('leaves URLs without secrets untouched', () => {
    expect(urlForLog('/api/orgs/1/audit?action=channel.connected&limit=50')).toBe(
      '/api/orgs/1/audit?action=channel.connected&limit=50',
    );
    expect(urlForLog('/api/health/live')).toBe('/api/health/live');
  });
});
