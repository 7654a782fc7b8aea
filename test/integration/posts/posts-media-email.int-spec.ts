import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestChannel } from '../../support/channel-fixtures';
import { daysAhead, PostsContext, startPostsContext } from './support/posts-context';

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Media for posts (multipart upload, alt text required for images, limits from the channels' rules) and the
 * e-mail that goes with approval notifications, against a local SMTP server started here.
 */
describe('posts API: media and e-mail', () => {
  let ctx: PostsContext;
  let smtp: SMTPServer;
  const mails: ReceivedMail[] = [];
  let x: TestChannel;
  let mastodon: TestChannel;
  const base = () => `/api/orgs/${ctx.orgId}`;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    ctx = await startPostsContext({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'Outside In <oi@example.gov.uk>',
    });
    [x, mastodon] = await Promise.all([ctx.channel('x'), ctx.channel('mastodon')]);
  });
  afterAll(async () => {
    await ctx?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const upload = (file: Buffer, filename: string, contentType: string, altText?: string) => {
    const call = ctx.members.editor.agent
      .post(`${base()}/media`)
      .set('x-csrf-token', ctx.members.editor.session.csrfToken)
      .attach('file', file, { filename, contentType });
    return altText === undefined ? call : call.field('altText', altText);
  };

  it('takes an image as multipart, refuses to attach it without alt text (naming it), and serves it back', async () => {
    const uploaded = await upload(PNG, 'flood-map.png', 'image/png').expect(201);
    expect(uploaded.body).toMatchObject({
      filename: 'flood-map.png',
      kind: 'image',
      altText: null,
      needsAltText: true,
    });
    const compose = {
      text: 'Flood warning for the river Taff',
      mediaIds: [uploaded.body.id],
      channels: [{ channelId: x.channel.id }, { channelId: mastodon.channel.id }],
    };
    const refused = await ctx.members.editor.post(`${base()}/posts`, compose).expect(400);
    expect(refused.body.message).toBe(
      'Add alt text to the image flood-map.png: people who cannot see it rely on it.',
    );

    const withAlt = await ctx.members.editor
      .put(`${base()}/media/${uploaded.body.id}/alt-text`, {
        altText: 'Map of the streets near the Taff at risk of flooding',
      })
      .expect(200);
    expect(withAlt.body.needsAltText).toBe(false);
    await ctx.members.editor.post(`${base()}/posts`, compose).expect(201);

    const content = await ctx.members.viewer
      .get(`${base()}/media/${uploaded.body.id}/content`)
      .buffer(true)
      .expect(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(content.body as Buffer, PNG)).toBe(0);
    await ctx.outsider.get(`${base()}/media/${uploaded.body.id}`).expect(403);
    await ctx.outsider.get(`/api/orgs/${ctx.outsider.orgId}/media/${uploaded.body.id}`).expect(404);
  });

  it('refuses types no network takes, and says which channels cannot take a file that is too large for them', async () => {
    const text = await upload(Buffer.from('not an image'), 'notes.txt', 'text/plain').expect(400);
    expect(text.body.message).toBe(
      'notes.txt is text/plain, which no network takes. Upload a JPEG, PNG, GIF or WebP image, or an MP4 video.',
    );
    await ctx.members.viewer.agent
      .post(`${base()}/media`)
      .set('x-csrf-token', ctx.members.viewer.session.csrfToken)
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(403);

    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const large = await upload(big, 'poster.png', 'image/png', 'Poster for the summer fair').expect(201);
    const check = await ctx.members.editor
      .post(`${base()}/posts/validate`, {
        text: 'Summer fair',
        mediaIds: [large.body.id],
        channels: [{ channelId: x.channel.id }, { channelId: mastodon.channel.id }],
      })
      .expect(200);
    expect(check.body.channels[0].problems).toEqual(['poster.png is 6 MB; X takes files up to 5 MB.']);
    expect(check.body.channels[1].ok).toBe(true);
  });

  it('e-mails the approvers when a post is submitted, and the author when it is decided', async () => {
    const post = (
      await ctx.members.editor
        .post(`${base()}/posts`, {
          title: 'Council tax reminder',
          text: 'Pay by the 1st',
          channels: [{ channelId: x.channel.id }],
        })
        .expect(201)
    ).body.post;
    mails.length = 0;
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(2), time: '09:00' } })
      .expect(200);
    const recipients = mails.flatMap((mail) => mail.to).sort();
    expect(recipients).toEqual(
      [ctx.owner.email, ctx.members.admin.email, ctx.members.approver.email, ctx.approver2.email].sort(),
    );
    expect(mails[0].raw).toContain('Subject: A post is waiting for your approval');
    expect(mails[0].raw).toContain('From: Outside In <oi@example.gov.uk>');

    mails.length = 0;
    await ctx.members.approver
      .post(`${base()}/posts/${post.id}/request-changes`, { comment: 'Add the phone number.' })
      .expect(200);
    expect(mails.map((mail) => mail.to)).toEqual([[ctx.members.editor.email]]);
    expect(mails[0].raw).toContain('Add the phone number.');
    const inbox = await ctx.members.editor.get(`${base()}/notifications`).expect(200);
    expect(inbox.body.unread).toBeGreaterThanOrEqual(1);
    const all = await ctx.members.editor.post(`${base()}/notifications/read-all`).expect(200);
    expect(all.body.unread).toBe(0);
  });
});
