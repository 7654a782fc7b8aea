import { XrpcError } from './xrpc-error';
import { decodeXrpcParams } from './xrpc-params';

describe('decodeXrpcParams', () => {
  it('decodes integers, booleans and arrays by the lexicon types', () => {
    expect(
      decodeXrpcParams('com.atproto.repo.listRecords', {
        repo: 'alice.test',
        collection: 'app.bsky.feed.post',
        limit: '5',
        reverse: 'true',
      }),
    ).toEqual({ repo: 'alice.test', collection: 'app.bsky.feed.post', limit: 5, reverse: true });
    expect(decodeXrpcParams('app.bsky.notification.listNotifications', { reasons: 'mention' })).toMatchObject(
      {
        reasons: ['mention'],
        limit: 50,
      },
    );
  });

  it('answers bad params with 400 InvalidRequest and the validator message', () => {
    const attempt = () =>
      decodeXrpcParams('com.atproto.repo.listRecords', { repo: 'alice.test', limit: '7' });
    expect(attempt).toThrow(XrpcError);
    expect(attempt).toThrow('Params must have the property "collection"');
    expect(() =>
      decodeXrpcParams('com.atproto.repo.listRecords', {
        repo: 'alice.test',
        collection: 'app.bsky.feed.post',
        limit: 'ten',
      }),
    ).toThrow('limit must be an integer');
  });
});
