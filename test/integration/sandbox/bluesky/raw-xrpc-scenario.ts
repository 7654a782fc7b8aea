/**
 * About fifty raw XRPC calls, the error paths included, made the same way against the sandbox's Bluesky and
 * a real PDS (a hand-run script made them before @atproto/dev-env was a dev dependency). Each answer is kept
 * with its status, its notable headers and its body.
 */

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface RawTarget {
  /** The PDS (or the sandbox's /bluesky) URL. */
  serviceUrl: string;
  /** An account nobody else uses, signed in with an app password. */
  account: { did: string; handle: string; email: string; password: string };
}

/** Headers worth comparing; RateLimit-* are left out (dev-env's PDS has rate limits off). */
const NOTABLE = /^(content-type|cache-control|vary|atproto)/i;

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A JWT's header and claims. */
function jwtParts(token: unknown): unknown {
  if (typeof token !== 'string') return null;
  return token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);
}

export async function runRawScenario(target: RawTarget): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const call = async (
    label: string,
    method: 'GET' | 'POST',
    nsid: string,
    opts: { token?: string; query?: Record<string, string>; body?: unknown; contentType?: string } = {},
  ): Promise<RawAnswer & { json: Record<string, unknown> }> => {
    const query = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const raw = opts.body instanceof Buffer || typeof opts.body === 'string';
    const res = await fetch(`${target.serviceUrl}/xrpc/${nsid}${query}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : raw ? (opts.body as string) : JSON.stringify(opts.body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      body = bytes.length ? `<${bytes.length} bytes>` : null;
    }
    const notable: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (NOTABLE.test(name)) notable[name.toLowerCase()] = value;
    });
    const answer = { status: res.status, headers: notable, body };
    results[label] = answer;
    return { ...answer, json: (body ?? {}) as Record<string, unknown> };
  };

  const { did, handle, email, password } = target.account;
  const post = 'app.bsky.feed.post';
  const session = await call('createSession', 'POST', 'com.atproto.server.createSession', {
    body: { identifier: handle, password },
  });
  results.accessJwtParts = jwtParts(session.json.accessJwt);
  results.refreshJwtParts = jwtParts(session.json.refreshJwt);
  const token = String(session.json.accessJwt);
  const refreshToken = String(session.json.refreshJwt);
  await call('createSessionByEmail', 'POST', 'com.atproto.server.createSession', {
    body: { identifier: email, password },
  });
  await call('createSessionWrongPassword', 'POST', 'com.atproto.server.createSession', {
    body: { identifier: handle, password: 'nope-nope-nope-nope' },
  });
  await call('getSession', 'GET', 'com.atproto.server.getSession', { token });
  await call('getSessionNoToken', 'GET', 'com.atproto.server.getSession');
  await call('getSessionGarbage', 'GET', 'com.atproto.server.getSession', { token: 'abc.def.ghi' });
  await call('getSessionRefreshToken', 'GET', 'com.atproto.server.getSession', { token: refreshToken });
  await call('describeServer', 'GET', 'com.atproto.server.describeServer');

  const record = { $type: post, text: 'Hello', createdAt: '2026-11-27T09:00:00.000Z' };
  const created = await call('createRecord', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, record },
  });
  await call('createRecordRkey', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, rkey: '3m6jbv2zdcs2k', record },
  });
  await call('createRecordRkeyAgain', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, rkey: '3m6jbv2zdcs2k', record },
  });
  await call('createRecordTooLong', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, record: { ...record, text: 'a'.repeat(301) } },
  });
  await call('createRecordNoDate', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, record: { $type: post, text: 'x' } },
  });
  await call('createRecordBadDate', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, record: { ...record, createdAt: 'yesterday' } },
  });
  await call('createRecordWrongType', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: post, record: { $type: 'app.bsky.feed.like', text: 'x' } },
  });
  await call('createRecordNoRepo', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { collection: post, record },
  });
  await call('createRecordUnknownRepo', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: { repo: 'nobody.test', collection: post, record },
  });
  await call('createRecordTextPlain', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: 'text',
    contentType: 'text/plain',
  });
  await call('createRecordMalformedJson', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: '{"repo": ',
  });
  await call('createRecordGet', 'GET', 'com.atproto.repo.createRecord', { token });
  await call('unknownMethod', 'GET', 'com.example.notAMethod', { token });
  await call('unknownMethodNoToken', 'GET', 'com.example.notAMethod');
  await call('createRecordGetNoToken', 'GET', 'com.atproto.repo.createRecord');
  await call('getLatestCommit', 'GET', 'com.atproto.sync.getLatestCommit', { query: { did } });
  await call('createRecordStaleSwap', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: {
      repo: did,
      collection: post,
      swapCommit: 'bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua',
      record,
    },
  });
  const rkey = String(created.json.uri).split('/').pop() ?? '';
  await call('getRecord', 'GET', 'com.atproto.repo.getRecord', {
    query: { repo: did, collection: post, rkey },
  });
  await call('getRecordMissing', 'GET', 'com.atproto.repo.getRecord', {
    query: { repo: did, collection: post, rkey: '3m6jbv2zdcs2z' },
  });
  await call('getRecordUnknownRepo', 'GET', 'com.atproto.repo.getRecord', {
    query: { repo: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', collection: post, rkey },
  });
  await call('getRecordNoCollection', 'GET', 'com.atproto.repo.getRecord', { query: { repo: did } });
  await call('listRecords', 'GET', 'com.atproto.repo.listRecords', {
    query: { repo: did, collection: post, limit: '1' },
  });
  await call('listRecordsLimit500', 'GET', 'com.atproto.repo.listRecords', {
    query: { repo: did, collection: post, limit: '500' },
  });
  await call('describeRepo', 'GET', 'com.atproto.repo.describeRepo', { query: { repo: did } });

  const uploaded = await call('uploadBlob', 'POST', 'com.atproto.repo.uploadBlob', {
    token,
    body: TINY_PNG,
    contentType: 'image/png',
  });
  await call('uploadBlobWrongType', 'POST', 'com.atproto.repo.uploadBlob', {
    token,
    body: TINY_PNG,
    contentType: 'image/jpeg',
  });
  const blob = uploaded.json.blob as { ref: { $link: string } };
  await call('createRecordImage', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: {
      repo: did,
      collection: post,
      record: { ...record, embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'a', image: blob }] } },
    },
  });
  await call('createRecordMissingBlob', 'POST', 'com.atproto.repo.createRecord', {
    token,
    body: {
      repo: did,
      collection: post,
      record: {
        ...record,
        embed: {
          $type: 'app.bsky.embed.images',
          images: [
            {
              alt: 'a',
              image: {
                $type: 'blob',
                ref: { $link: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' },
                mimeType: 'image/png',
                size: 10,
              },
            },
          ],
        },
      },
    },
  });
  await call('getBlob', 'GET', 'com.atproto.sync.getBlob', { query: { did, cid: blob.ref.$link } });
  await call('getBlobMissing', 'GET', 'com.atproto.sync.getBlob', {
    query: { did, cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' },
  });
  await call('deleteRecord', 'POST', 'com.atproto.repo.deleteRecord', {
    token,
    body: { repo: did, collection: post, rkey },
  });
  await call('deleteRecordAgain', 'POST', 'com.atproto.repo.deleteRecord', {
    token,
    body: { repo: did, collection: post, rkey },
  });
  await call('resolveHandle', 'GET', 'com.atproto.identity.resolveHandle', { query: { handle } });
  await call('resolveHandleMissing', 'GET', 'com.atproto.identity.resolveHandle', {
    query: { handle: 'nobody.test' },
  });
  await call('listNotifications', 'GET', 'app.bsky.notification.listNotifications', { token });
  await call('getProfileNoToken', 'GET', 'app.bsky.actor.getProfile', { query: { actor: did } });

  const refreshed = await call('refreshSession', 'POST', 'com.atproto.server.refreshSession', {
    token: refreshToken,
  });
  results.refreshedRefreshParts = jwtParts(refreshed.json.refreshJwt);
  const retried = await call('refreshSessionRetry', 'POST', 'com.atproto.server.refreshSession', {
    token: refreshToken,
  });
  results.retriedRefreshParts = jwtParts(retried.json.refreshJwt);
  await call('refreshWithAccess', 'POST', 'com.atproto.server.refreshSession', { token });
  await call('deleteSession', 'POST', 'com.atproto.server.deleteSession', {
    token: String(refreshed.json.refreshJwt),
  });
  await call('refreshAfterLogout', 'POST', 'com.atproto.server.refreshSession', {
    token: String(refreshed.json.refreshJwt),
  });
  await call('refreshOldAfterLogout', 'POST', 'com.atproto.server.refreshSession', { token: refreshToken });
  return results;
}
