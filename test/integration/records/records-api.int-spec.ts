import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../support/api-client';
import { RecordsFixtures } from './records-fixtures';

/** Issue 7 part 6 over HTTP: legal holds, the FOI clock, exports in three formats, and who may do what. */
describe('records API', () => {
  let api: TestApi;
  let db: DataSource;
  let owner: SignedInClient;
  let admin: SignedInClient;
  let approver: SignedInClient;
  let editor: SignedInClient;
  let responder: SignedInClient;
  let viewer: SignedInClient;
  let outsider: SignedInClient;
  let f: RecordsFixtures;
  let base: string;

  let channel: string;
  let sam: string;
  let conv: string;
  let otherConv: string;
  const messageIds: string[] = [];
  const noteIds: string[] = [];
  let foiMessage: string;
  let samInOther: string;

  const t = (iso: string) => new Date(iso);

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    owner = await signUp(api);
    admin = await addMember(api, owner.orgId, 'admin');
    approver = await addMember(api, owner.orgId, 'approver');
    editor = await addMember(api, owner.orgId, 'editor');
    responder = await addMember(api, owner.orgId, 'responder');
    viewer = await addMember(api, owner.orgId, 'viewer');
    outsider = await signUp(api);
    base = `/api/orgs/${owner.orgId}/records`;
    f = new RecordsFixtures(db, owner.orgId);

    channel = await f.channel('@anytown');
    sam = await f.contact('@sam');
    conv = await f.conversation(channel, sam, t('2026-12-21T10:00:00Z'));
    const m = (direction: 'in' | 'out', body: string, at: string, outboundState?: string) =>
      f.message(conv, channel, {
        direction,
        author: direction === 'in' ? sam : null,
        body,
        at: t(at),
        outboundState,
      });
    foiMessage = await m(
      'in',
      'Under the FOI Act, please send me the pothole repair budget for 2026.',
      '2026-12-21T10:00:00Z',
    );
    messageIds.push(foiMessage);
    messageIds.push(await m('out', 'Thank you, we have logged your request.', '2026-12-21T11:30:00Z'));
    messageIds.push(await m('in', '=HYPERLINK("http://evil.example","click me")', '2026-12-22T09:00:00Z'));
    messageIds.push(await m('in', '<script>alert("x")</script> & more', '2026-12-22T09:05:00Z'));
    messageIds.push(await m('out', 'We could not send this one', '2026-12-22T10:00:00Z', 'failed'));
    noteIds.push(
      await f.note(
        conv,
        responder.userId,
        '+SUM(1,2) looks like FOI; passing to records',
        t('2026-12-21T10:05:00Z'),
      ),
    );
    noteIds.push(
      await f.note(conv, admin.userId, '@Records team: due 21 January', t('2026-12-21T12:00:00Z')),
    );

    // Someone else's thread where Sam also wrote: a contact export has Sam's message, not the other person's.
    const kim = await f.contact('@kim');
    otherConv = await f.conversation(channel, kim, t('2026-12-23T10:00:00Z'), 'comment_thread');
    await f.message(otherConv, channel, {
      direction: 'in',
      author: kim,
      body: 'Kim: the road is closed',
      at: t('2026-12-23T10:00:00Z'),
    });
    samInOther = await f.message(otherConv, channel, {
      direction: 'in',
      author: sam,
      body: 'Sam: agreed',
      at: t('2026-12-23T10:10:00Z'),
    });
  });
  afterAll(() => api.stop());

  describe('legal holds', () => {
    it('places a hold with a reason, refuses a second, releases with a reason, all audited', async () => {
      const placed = await admin
        .post(`${base}/legal-holds`, { conversationId: conv, reason: '  Complaint 2026/114  ' })
        .expect(201);
      expect(placed.body).toMatchObject({
        subjectType: 'conversation',
        conversationId: conv,
        contactId: null,
        reason: 'Complaint 2026/114',
        placedBy: { userId: admin.userId },
        releasedAt: null,
      });
      expect(placed.body.subjectLabel).toBe('Direct messages with @sam on Mastodon (@anytown)');

      const again = await owner
        .post(`${base}/legal-holds`, { conversationId: conv, reason: 'Twice' })
        .expect(409);
      expect(again.body.message).toMatch(/already on hold/);

      const list = await approver.get(`${base}/legal-holds`).expect(200);
      expect(list.body.items.map((h: { id: string }) => h.id)).toEqual([placed.body.id]);

      await owner.post(`${base}/legal-holds/${placed.body.id}/release`, { reason: '' }).expect(400);
      const released = await owner
        .post(`${base}/legal-holds/${placed.body.id}/release`, { reason: 'Complaint closed' })
        .expect(200);
      expect(released.body).toMatchObject({
        releaseReason: 'Complaint closed',
        releasedBy: { userId: owner.userId },
      });
      await owner.post(`${base}/legal-holds/${placed.body.id}/release`, { reason: 'Again' }).expect(409);
      expect((await approver.get(`${base}/legal-holds`).expect(200)).body.items).toEqual([]);
      expect((await approver.get(`${base}/legal-holds?state=released`).expect(200)).body.items).toHaveLength(
        1,
      );

      const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=records.hold_placed`).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        subjectType: 'conversation',
        subjectId: conv,
        summary: { reason: 'Complaint 2026/114', holdId: placed.body.id },
      });
      const releasedAudit = await owner
        .get(`/api/orgs/${owner.orgId}/audit?action=records.hold_released`)
        .expect(200);
      expect(releasedAudit.body.items[0].summary).toMatchObject({ reason: 'Complaint closed' });
    });

    it('holds a contact; asks for exactly one subject; another organisation cannot hold what is not theirs', async () => {
      const held = await owner
        .post(`${base}/legal-holds`, { contactId: sam, reason: 'Subject access request' })
        .expect(201);
      expect(held.body.subjectLabel).toMatch(/^Person @sam \(@sam\)|^Person @sam/);
      await owner.post(`${base}/legal-holds/${held.body.id}/release`, { reason: 'Done' }).expect(200);

      const both = await owner
        .post(`${base}/legal-holds`, { contactId: sam, conversationId: conv, reason: 'Both' })
        .expect(400);
      expect(both.body.message).toMatch(/either a conversation or a contact/);
      await owner.post(`${base}/legal-holds`, { reason: 'Neither' }).expect(400);

      await outsider
        .post(`/api/orgs/${outsider.orgId}/records/legal-holds`, { conversationId: conv, reason: 'Not mine' })
        .expect(404);
      await outsider.get(`${base}/legal-holds`).expect(403);
      expect(
        (await outsider.get(`/api/orgs/${outsider.orgId}/records/legal-holds?state=all`).expect(200)).body
          .items,
      ).toEqual([]);
    });

    it('lets only owners and admins place or release holds', async () => {
      for (const who of [approver, editor, responder, viewer]) {
        await who.post(`${base}/legal-holds`, { conversationId: conv, reason: 'Try' }).expect(403);
      }
      await responder.get(`${base}/legal-holds`).expect(403);
      await viewer.get(`${base}/legal-holds`).expect(403);
    });
  });

  describe('FOI clock', () => {
    let foiId: string;

    it('marks a message received on 21 December 2026: due 21 January 2027, past Christmas, Boxing Day (28th) and New Year', async () => {
      const marked = await responder.post(`${base}/foi-requests`, { messageId: foiMessage }).expect(201);
      foiId = marked.body.id;
      expect(marked.body).toMatchObject({
        messageId: foiMessage,
        conversationId: conv,
        receivedOn: '2026-12-21',
        dueOn: '2027-01-21',
        dueInWords: 'Thursday 21 January 2027',
        bankHolidayRegion: 'england-and-wales',
        markedBy: { userId: responder.userId },
        contact: { handle: '@sam' },
        outcome: null,
      });
      expect(marked.body.excerpt).toMatch(/^Under the FOI Act/);
      expect(marked.body.workingDaysLeft).toBeGreaterThanOrEqual(20);
      expect(marked.body.clockInWords).toBe(`${marked.body.workingDaysLeft} working days left`);

      await owner.post(`${base}/foi-requests`, { messageId: foiMessage }).expect(409);
      const ours = await owner.post(`${base}/foi-requests`, { messageId: messageIds[1] }).expect(400);
      expect(ours.body.message).toMatch(/from the public/);
      await viewer.post(`${base}/foi-requests`, { messageId: messageIds[2] }).expect(403);
      await outsider
        .post(`/api/orgs/${outsider.orgId}/records/foi-requests`, { messageId: messageIds[2] })
        .expect(404);

      const open = await viewer.get(`${base}/foi-requests`).expect(200);
      expect(open.body.timeZone).toBe('Europe/London');
      expect(open.body.items.map((r: { id: string }) => r.id)).toEqual([foiId]);

      const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=records.foi_marked`).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        actor: { userId: responder.userId },
        subjectType: 'message',
        subjectId: foiMessage,
        summary: { dueOn: '2027-01-21', receivedOn: '2026-12-21' },
      });
    });

    it('completes or unmarks with audit; responders cannot close a request', async () => {
      await responder.post(`${base}/foi-requests/${foiId}/complete`, {}).expect(403);
      const done = await approver
        .post(`${base}/foi-requests/${foiId}/complete`, { note: 'Answered by e-mail' })
        .expect(200);
      expect(done.body).toMatchObject({
        outcome: 'completed',
        closeNote: 'Answered by e-mail',
        workingDaysLeft: null,
      });
      expect(done.body.clockInWords).toBe('Answered');
      await approver.post(`${base}/foi-requests/${foiId}/complete`, {}).expect(409);
      expect((await viewer.get(`${base}/foi-requests`).expect(200)).body.items).toEqual([]);
      expect((await viewer.get(`${base}/foi-requests?state=closed`).expect(200)).body.items[0].id).toBe(
        foiId,
      );

      const other = await editor.post(`${base}/foi-requests`, { messageId: messageIds[2] }).expect(201);
      await owner.post(`${base}/foi-requests/${other.body.id}/unmark`, {}).expect(400);
      const unmarked = await owner
        .post(`${base}/foi-requests/${other.body.id}/unmark`, { reason: 'Spam, not a request' })
        .expect(200);
      expect(unmarked.body).toMatchObject({ outcome: 'unmarked', clockInWords: 'Not an FOI request' });
      const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=records.foi_unmarked`).expect(200);
      expect(audit.body.items[0].summary).toMatchObject({ note: 'Spam, not a request' });
    });
  });

  describe('exports', () => {
    function exportOf(
      client: SignedInClient,
      kind: 'conversations' | 'contacts',
      id: string,
      format: string,
    ) {
      return client
        .post(`${base}/exports/${kind}/${id}`, { format })
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        });
    }

    async function auditCountFor(ids: string[]): Promise<number> {
      const [row] = await db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND subject_id = ANY($2)`,
        [owner.orgId, ids],
      );
      return row.n as number;
    }

    it('JSON: every message (in and out, with times, channel and state), every note and every audit event', async () => {
      const expectedAudit = await auditCountFor([conv, ...messageIds, ...noteIds]);
      // Hold placed and released, FOI marked, completed, a second marked and unmarked (on message 3).
      expect(expectedAudit).toBe(6);
      const response = await exportOf(approver, 'conversations', conv, 'json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="conversation-.*\.json"$/,
      );
      const record = JSON.parse(response.body as string);
      expect(record.messages).toHaveLength(5);
      expect(record.messages.map((m: { id: string }) => m.id)).toEqual(messageIds);
      expect(record.messages[0]).toMatchObject({
        direction: 'in',
        author: { handle: '@sam' },
        createdAt: '2026-12-21T10:00:00.000Z',
        channel: { network: 'mastodon', handle: '@anytown' },
        outboundState: null,
      });
      expect(record.messages[1]).toMatchObject({ direction: 'out', author: null, outboundState: 'sent' });
      expect(record.messages[4]).toMatchObject({ outboundState: 'failed' });
      expect(record.notes.map((n: { id: string }) => n.id)).toEqual(noteIds);
      expect(record.notes[0].author).toMatch(/^Test responder </);
      expect(record.auditEvents).toHaveLength(expectedAudit);
      expect(record.auditEvents.map((e: { action: string }) => e.action)).toEqual([
        'records.hold_placed',
        'records.hold_released',
        'records.foi_marked',
        'records.foi_completed',
        'records.foi_marked',
        'records.foi_unmarked',
      ]);
      expect(record.organisation.timeZone).toBe('Europe/London');
      expect(record.title).toBe('Conversation with @sam on Mastodon (@anytown)');
      // Kim's thread is not part of this conversation.
      expect(JSON.stringify(record)).not.toContain('Kim: the road is closed');

      const exported = await owner.get(`/api/orgs/${owner.orgId}/audit?action=records.exported`).expect(200);
      expect(exported.body.items[0]).toMatchObject({
        actor: { userId: approver.userId },
        subjectType: 'conversation',
        subjectId: conv,
        summary: { format: 'json', messages: 5, notes: 2, auditEvents: 6 },
      });
    });

    it('CSV: one row per message, note and audit event, with formulas neutralised', async () => {
      const response = await exportOf(owner, 'conversations', conv, 'csv').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const text = response.body as string;
      const lines = text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      const records = lines.slice(1).map((l) => l.split(',')[0]);
      // The previous (JSON) export is now an audit event about the conversation too.
      expect(records.filter((r) => r === 'message')).toHaveLength(5);
      expect(records.filter((r) => r === 'internal note')).toHaveLength(2);
      expect(records.filter((r) => r === 'audit event')).toHaveLength(7);
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click me"")"`);
      expect(text).toContain(`"'+SUM(1,2) looks like FOI; passing to records"`);
      expect(text).toContain(`'@Records team: due 21 January`);
      // No cell anywhere starts with a formula character.
      expect(text).not.toMatch(/(^|,)"?[=+@-][^,]/m);
      expect(text).toContain('Monday 21 December 2026, 10:00 GMT');
      expect(text).toContain('failed to send');
    });

    it('HTML: a printable page with headings, dates in words in the organisation zone, and text escaped', async () => {
      const response = await exportOf(admin, 'conversations', conv, 'html').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const html = response.body as string;
      expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      expect(html).toContain('<h1>Conversation with @sam on Mastodon (@anytown)</h1>');
      expect(html).toContain('@media print');
      expect(html.match(/<li class="(in|out)">/g)).toHaveLength(5);
      expect(html.match(/<li class="note">/g)).toHaveLength(2);
      expect(html).toContain('8 audit events, oldest first');
      expect(html.match(/<tr><td>/g)).toHaveLength(8);
      expect(html).toContain(
        '<time datetime="2026-12-21T10:00:00.000Z">Monday 21 December 2026, 10:00 GMT</time>',
      );
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
      expect(html).not.toContain('<script>');
      expect(html).toContain('State: failed to send');
    });

    it("a contact's export: their conversations and their own messages elsewhere, not other people's", async () => {
      const response = await exportOf(owner, 'contacts', sam, 'json').expect(200);
      const record = JSON.parse(response.body as string);
      expect(record.scope).toBe('contact');
      expect(record.conversations.map((c: { id: string }) => c.id)).toEqual([conv, otherConv]);
      expect(record.messages.map((m: { id: string }) => m.id)).toEqual([...messageIds, samInOther]);
      expect(JSON.stringify(record.messages)).not.toContain('Kim: the road is closed');
      expect(record.notes).toHaveLength(2);
      // The contact hold placed and released is about the contact; the conversation's events come too.
      const actions = record.auditEvents.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['records.hold_placed', 'records.exported']));
      expect(record.auditEvents.filter((e: { subjectId: string }) => e.subjectId === sam)).toHaveLength(2);
    });

    it('refuses responders, viewers and editors, a bad format, and other organisations', async () => {
      for (const who of [responder, viewer, editor]) {
        await exportOf(who, 'conversations', conv, 'json').expect(403);
        await exportOf(who, 'contacts', sam, 'json').expect(403);
        await who.get(`${base}/contacts?q=sam`).expect(403);
      }
      const bad = await owner.post(`${base}/exports/conversations/${conv}`, { format: 'pdf' }).expect(400);
      expect(bad.body.message).toMatch(/json, csv or html/);
      await outsider.post(`${base}/exports/conversations/${conv}`, { format: 'json' }).expect(403);
      await outsider
        .post(`/api/orgs/${outsider.orgId}/records/exports/conversations/${conv}`, { format: 'json' })
        .expect(404);
      await outsider
        .post(`/api/orgs/${outsider.orgId}/records/exports/contacts/${sam}`, { format: 'json' })
        .expect(404);
      expect(
        (await outsider.get(`/api/orgs/${outsider.orgId}/records/contacts?q=sam`).expect(200)).body.items,
      ).toEqual([]);
    });

    it('finds contacts by part of their handle or name', async () => {
      const found = await approver.get(`${base}/contacts?q=@sam`).expect(200);
      expect(found.body.items).toEqual([
        expect.objectContaining({ id: sam, handle: '@sam', conversations: 1, messages: 4 }),
      ]);
      expect((await approver.get(`${base}/contacts?q=%25`).expect(200)).body.items).toEqual([]);
    });
  });
});
