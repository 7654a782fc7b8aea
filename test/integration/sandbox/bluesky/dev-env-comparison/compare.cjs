// Makes the same XRPC calls against a real PDS (@atproto/dev-env) or, with SANDBOX_URL set, against the
// sandbox, and prints status, notable headers and body of each as JSON. See README.md in this folder.
const { TestNetworkNoAppView } = process.env.SANDBOX_URL ? {} : require('@atproto/dev-env');

const pick = (h) => {
  const out = {};
  for (const [k, v] of h.entries())
    if (/^(ratelimit|content-type|cache-control|vary|atproto)/i.test(k)) out[k] = v;
  return out;
};
const jwtParts = (t) =>
  t &&
  t
    .split('.')
    .slice(0, 2)
    .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));

(async () => {
  const sandboxUrl = process.env.SANDBOX_URL;
  const net = sandboxUrl ? null : await TestNetworkNoAppView.create({});
  const url = sandboxUrl ? `${sandboxUrl}/bluesky` : net.pds.url;
  const results = {};
  const call = async (label, method, nsid, { token, query, body, contentType, raw } = {}) => {
    const q = query ? `?${new URLSearchParams(query)}` : '';
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
    const res = await fetch(`${url}/xrpc/${nsid}${q}`, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = Buffer.from(await res.arrayBuffer());
    let parsed;
    try {
      parsed = JSON.parse(text.toString());
    } catch {
      parsed = text.length ? `<${text.length} bytes>` : null;
    }
    results[label] = { status: res.status, headers: pick(res.headers), body: parsed };
    return results[label];
  };
  let ap;
  let email = 'alice@test.com';
  if (sandboxUrl) {
    const res = await fetch(`${sandboxUrl}/_sandbox/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ network: 'bluesky', handle: 'alice' }),
    });
    const created = await res.json();
    ap = { body: { password: created.credentials.password } };
    email = created.credentials.email;
  } else {
    const acct = await call('createAccount', 'POST', 'com.atproto.server.createAccount', {
      body: { email: 'alice@test.com', handle: 'alice.test', password: 'hunter2hunter2' },
    });
    ap = await call('createAppPassword', 'POST', 'com.atproto.server.createAppPassword', {
      token: acct.body.accessJwt,
      body: { name: 'sandbox' },
    });
  }
  const s = await call('createSession', 'POST', 'com.atproto.server.createSession', {
    body: { identifier: 'alice.test', password: ap.body.password },
  });
  results.accessJwtParts = jwtParts(s.body.accessJwt);
  results.refreshJwtParts = jwtParts(s.body.refreshJwt);
  const did = s.body.did;
  const t = s.body.accessJwt;
  await call('createSessionByEmail', 'POST', 'com.atproto.server.createSession', {
    body: { identifier: email, password: ap.body.password },
  });
  await call('createSessionWrongPassword', 'POST', 'com.atproto.server.createSession', {
    body: { identifier: 'alice.test', password: 'nope-nope-nope-nope' },
  });
  await call('getSession', 'GET', 'com.atproto.server.getSession', { token: t });
  await call('getSessionNoToken', 'GET', 'com.atproto.server.getSession');
  await call('getSessionGarbage', 'GET', 'com.atproto.server.getSession', { token: 'abc.def.ghi' });
  await call('getSessionRefreshToken', 'GET', 'com.atproto.server.getSession', { token: s.body.refreshJwt });
  await call('describeServer', 'GET', 'com.atproto.server.describeServer');
  const rec = { $type: 'app.bsky.feed.post', text: 'Hello', createdAt: '2026-11-27T09:00:00.000Z' };
  const c1 = await call('createRecord', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', record: rec },
  });
  await call('createRecordRkey', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', rkey: '3m6jbv2zdcs2k', record: rec },
  });
  await call('createRecordRkeyAgain', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', rkey: '3m6jbv2zdcs2k', record: rec },
  });
  await call('createRecordTooLong', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', record: { ...rec, text: 'a'.repeat(301) } },
  });
  await call('createRecordNoDate', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 'x' } },
  });
  await call('createRecordBadDate', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', record: { ...rec, createdAt: 'yesterday' } },
  });
  await call('createRecordWrongType', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.like', text: 'x' } },
  });
  await call('createRecordNoRepo', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { collection: 'app.bsky.feed.post', record: rec },
  });
  await call('createRecordUnknownRepo', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: { repo: 'nobody.test', collection: 'app.bsky.feed.post', record: rec },
  });
  await call('createRecordTextPlain', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: 'text',
    contentType: 'text/plain',
    raw: true,
  });
  await call('createRecordMalformedJson', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: '{"repo": ',
    raw: true,
  });
  await call('createRecordGet', 'GET', 'com.atproto.repo.createRecord', { token: t });
  await call('unknownMethod', 'GET', 'com.example.notAMethod', { token: t });
  const head = await call('getLatestCommit', 'GET', 'com.atproto.sync.getLatestCommit', { query: { did } });
  await call('createRecordStaleSwap', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: {
      repo: did,
      collection: 'app.bsky.feed.post',
      swapCommit: 'bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua',
      record: rec,
    },
  });
  const rkey = c1.body.uri.split('/').pop();
  await call('getRecord', 'GET', 'com.atproto.repo.getRecord', {
    query: { repo: did, collection: 'app.bsky.feed.post', rkey },
  });
  await call('getRecordMissing', 'GET', 'com.atproto.repo.getRecord', {
    query: { repo: did, collection: 'app.bsky.feed.post', rkey: '3m6jbv2zdcs2z' },
  });
  await call('getRecordUnknownRepo', 'GET', 'com.atproto.repo.getRecord', {
    query: { repo: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', collection: 'app.bsky.feed.post', rkey },
  });
  await call('getRecordNoCollection', 'GET', 'com.atproto.repo.getRecord', { query: { repo: did } });
  await call('listRecords', 'GET', 'com.atproto.repo.listRecords', {
    query: { repo: did, collection: 'app.bsky.feed.post', limit: '1' },
  });
  await call('listRecordsLimit500', 'GET', 'com.atproto.repo.listRecords', {
    query: { repo: did, collection: 'app.bsky.feed.post', limit: '500' },
  });
  await call('describeRepo', 'GET', 'com.atproto.repo.describeRepo', { query: { repo: did } });
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const up = await call('uploadBlob', 'POST', 'com.atproto.repo.uploadBlob', {
    token: t,
    body: png,
    contentType: 'image/png',
    raw: true,
  });
  await call('uploadBlobWrongType', 'POST', 'com.atproto.repo.uploadBlob', {
    token: t,
    body: png,
    contentType: 'image/jpeg',
    raw: true,
  });
  await call('createRecordImage', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: {
      repo: did,
      collection: 'app.bsky.feed.post',
      record: {
        ...rec,
        embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'a', image: up.body.blob }] },
      },
    },
  });
  await call('createRecordMissingBlob', 'POST', 'com.atproto.repo.createRecord', {
    token: t,
    body: {
      repo: did,
      collection: 'app.bsky.feed.post',
      record: {
        ...rec,
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
  await call('getBlob', 'GET', 'com.atproto.sync.getBlob', { query: { did, cid: up.body.blob.ref.$link } });
  await call('getBlobMissing', 'GET', 'com.atproto.sync.getBlob', {
    query: { did, cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' },
  });
  await call('deleteRecord', 'POST', 'com.atproto.repo.deleteRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', rkey },
  });
  await call('deleteRecordAgain', 'POST', 'com.atproto.repo.deleteRecord', {
    token: t,
    body: { repo: did, collection: 'app.bsky.feed.post', rkey },
  });
  await call('resolveHandle', 'GET', 'com.atproto.identity.resolveHandle', {
    query: { handle: 'alice.test' },
  });
  await call('resolveHandleMissing', 'GET', 'com.atproto.identity.resolveHandle', {
    query: { handle: 'nobody.test' },
  });
  await call('listNotifications', 'GET', 'app.bsky.notification.listNotifications', { token: t });
  await call('getProfileNoToken', 'GET', 'app.bsky.actor.getProfile', { query: { actor: did } });
  const r1 = await call('refreshSession', 'POST', 'com.atproto.server.refreshSession', {
    token: s.body.refreshJwt,
  });
  results.refreshedRefreshParts = jwtParts(r1.body.refreshJwt);
  const r2 = await call('refreshSessionRetry', 'POST', 'com.atproto.server.refreshSession', {
    token: s.body.refreshJwt,
  });
  results.retriedRefreshParts = jwtParts(r2.body && r2.body.refreshJwt);
  await call('refreshWithAccess', 'POST', 'com.atproto.server.refreshSession', { token: t });
  await call('deleteSession', 'POST', 'com.atproto.server.deleteSession', { token: r1.body.refreshJwt });
  await call('refreshAfterLogout', 'POST', 'com.atproto.server.refreshSession', {
    token: r1.body.refreshJwt,
  });
  await call('refreshOldAfterLogout', 'POST', 'com.atproto.server.refreshSession', {
    token: s.body.refreshJwt,
  });
  console.log(JSON.stringify(results, null, 1));
  if (net) await net.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
