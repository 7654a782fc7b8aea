import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  OfficeHoursService,
  QuietPeriodsService,
  RetentionService,
  SafeguardingService,
} from '@outside-in/guardrail-settings';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../support/api-client';

/** Organisation settings for issue 7's guardrails: validation, permissions, audit, and the questions others ask. */

function put(client: SignedInClient, path: string, body: object) {
  return client.agent.put(path).set('x-csrf-token', client.session.csrfToken).send(body);
}

async function addChannel(api: TestApi, orgId: string, handle: string): Promise<string> {
  const [channel] = await api.app.get(DataSource).query(
    `INSERT INTO channel (organisation_id, network, external_account_id, handle, display_name, base_url, connected_at)
     VALUES ($1, 'mastodon', $2, $3, $4, 'http://127.0.0.1:1/mastodon', now()) RETURNING id`,
    [orgId, randomBytes(6).toString('hex'), `@${handle}`, `Anytown ${handle}`],
  );
  return channel.id as string;
}

async function auditOf(client: SignedInClient, action: string) {
  const response = await client.get(`/api/orgs/${client.orgId}/audit?action=${action}`).expect(200);
  return response.body.items as Array<{
    action: string;
    actor: { userId: string };
    summary: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  }>;
}

const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

function officeHours(overrides: Record<string, unknown> = {}) {
  const day = [{ open: '09:00', close: '17:00' }];
  return {
    weekly: {
      monday: day,
      tuesday: day,
      wednesday: day,
      thursday: day,
      friday: day,
      saturday: [],
      sunday: [],
    },
    bankHolidayRegion: 'england-and-wales',
    closedDates: [],
    autoReply: {
      enabled: true,
      allChannels: true,
      channelIds: [],
      text: 'We are closed. Call 999.',
      welshText: '',
    },
    ...overrides,
  };
}

describe('guardrail settings', () => {
  let api: TestApi;
  let owner: SignedInClient;
  let admin: SignedInClient;
  let editor: SignedInClient;
  let viewer: SignedInClient;
  let outsider: SignedInClient;
  let base: string;

  beforeAll(async () => {
    api = await startApi();
    owner = await signUp(api);
    admin = await addMember(api, owner.orgId, 'admin');
    editor = await addMember(api, owner.orgId, 'editor');
    viewer = await addMember(api, owner.orgId, 'viewer');
    outsider = await signUp(api);
    base = `/api/orgs/${owner.orgId}/settings`;
  });
  afterAll(() => api.stop());

  describe('office hours', () => {
    it('starts from weekday 9 to 5 with England and Wales bank holidays and a reply that signposts 999, 111 and 101', async () => {
      const { body } = await viewer.get(`${base}/office-hours`).expect(200);
      expect(body).toMatchObject({
        timeZone: 'Europe/London',
        weekly: { monday: [{ open: '09:00', close: '17:00' }], saturday: [] },
        bankHolidayRegion: 'england-and-wales',
        closedDates: [],
        autoReply: { enabled: false, allChannels: true },
        updatedAt: null,
      });
      for (const number of ['999', '111', '101']) {
        expect(body.autoReply.text).toContain(number);
        expect(body.autoReply.welshText).toContain(number);
      }
    });

    it('refuses bad input with a problem per field', async () => {
      const shape = await put(admin, `${base}/office-hours`, {
        ...officeHours({ bankHolidayRegion: 'wales', closedDates: ['24/12/2026'] }),
        weekly: { monday: [{ open: '9am', close: '17:00' }] },
      }).expect(400);
      expect(fields(shape.body)).toEqual(
        expect.arrayContaining(['weekly.monday.0.open', 'bankHolidayRegion', 'closedDates']),
      );

      const rules = await put(admin, `${base}/office-hours`, {
        ...officeHours({ closedDates: ['2026-02-30'] }),
        weekly: {
          monday: [{ open: '17:00', close: '09:00' }],
          tuesday: [
            { open: '09:00', close: '13:00' },
            { open: '12:00', close: '17:00' },
          ],
        },
      }).expect(400);
      expect(fields(rules.body)).toEqual(['weekly.monday', 'weekly.tuesday', 'closedDates.0']);
      expect(rules.body.details[0].problem).toBe('Monday: closes at 09:00, not after it opens at 17:00.');

      const foreign = await addChannel(api, outsider.orgId, 'elsewhere');
      const channel = await put(admin, `${base}/office-hours`, {
        ...officeHours(),
        autoReply: { enabled: true, allChannels: false, channelIds: [foreign], text: 'Closed.' },
      }).expect(400);
      expect(fields(channel.body)).toEqual(['autoReply.channelIds.0']);

      await put(admin, `${base}/office-hours`, {}).expect(400);
    });

    it('lets owners and admins change them, not editors or viewers, and audits the change', async () => {
      await put(editor, `${base}/office-hours`, officeHours()).expect(403);
      await put(viewer, `${base}/office-hours`, officeHours()).expect(403);
      await outsider.get(`${base}/office-hours`).expect(403);

      const saturday = [{ open: '10:00', close: '13:00' }];
      const saved = await put(admin, `${base}/office-hours`, {
        ...officeHours({ closedDates: ['2026-12-24', '2026-12-24', '2026-12-29'] }),
        weekly: { ...officeHours().weekly, saturday },
      }).expect(200);
      expect(saved.body.weekly.saturday).toEqual(saturday);
      expect(saved.body.closedDates).toEqual(['2026-12-24', '2026-12-29']);
      expect(saved.body.updatedAt).not.toBeNull();

      const [event] = await auditOf(owner, 'settings.office_hours_changed');
      expect(event).toMatchObject({
        actor: { userId: admin.userId },
        summary: {
          before: { saturday: 'closed', closedDates: 'none', outOfHoursReply: false },
          after: { saturday: '10:00–13:00', closedDates: '2026-12-24, 2026-12-29', outOfHoursReply: true },
        },
      });
      // Only what changed is recorded.
      expect(event.summary.before).not.toHaveProperty('monday');
    });

    it('says whether the office is open and when it next opens, bank holidays and closed days included', async () => {
      await put(owner, `${base}/office-hours`, officeHours({ closedDates: ['2026-12-29'] })).expect(200);
      const open = await viewer.get(`${base}/office-hours/status?at=2026-11-30T10:00:00Z`).expect(200);
      expect(open.body).toMatchObject({ open: true, closedPeriodId: null, sentence: 'Open now.' });

      // Christmas Day, then a weekend, the Boxing Day substitute on Monday and a closed Tuesday.
      const christmas = await viewer.get(`${base}/office-hours/status?at=2026-12-25T10:00:00Z`).expect(200);
      expect(christmas.body).toMatchObject({
        open: false,
        nextOpening: '2026-12-30T09:00:00.000Z',
        nextOpeningText: 'Wednesday 30 December 2026, 09:00 GMT',
        sentence: 'Closed. Opens again Wednesday 30 December 2026, 09:00 GMT.',
      });
      const summer = await viewer.get(`${base}/office-hours/status?at=2026-07-03T16:30:00Z`).expect(200);
      expect(summer.body).toMatchObject({ open: false, nextOpeningText: 'Monday 6 July 2026, 09:00 BST' });

      const bad = await viewer.get(`${base}/office-hours/status?at=tomorrow`).expect(400);
      expect(fields(bad.body)).toEqual(['at']);
    });

    it('gives the out-of-hours reply only when closed, switched on and on a chosen channel', async () => {
      const chosen = await addChannel(api, owner.orgId, 'chosen');
      const other = await addChannel(api, owner.orgId, 'other');
      await put(owner, `${base}/office-hours`, {
        ...officeHours(),
        autoReply: {
          enabled: true,
          allChannels: false,
          channelIds: [chosen],
          text: 'Closed. Call 999.',
          welshText: 'Ar gau.',
        },
      }).expect(200);
      const service = api.app.get(OfficeHoursService);
      const friday = new Date('2026-12-04T18:00:00Z');
      const reply = await service.outOfHoursReply(owner.orgId, chosen, friday);
      expect(reply).toMatchObject({ text: 'Closed. Call 999.', welshText: 'Ar gau.' });
      const sunday = await service.outOfHoursReply(owner.orgId, chosen, new Date('2026-12-06T12:00:00Z'));
      expect(sunday!.closedPeriodId).toBe(reply!.closedPeriodId);
      expect(await service.outOfHoursReply(owner.orgId, other, friday)).toBeNull();
      expect(await service.outOfHoursReply(owner.orgId, chosen, new Date('2026-12-04T11:00:00Z'))).toBeNull();
    });
  });

  describe('quiet periods', () => {
    const period = (overrides: Record<string, unknown> = {}) => ({
      name: 'Pre-election period',
      startsOn: '2027-03-25',
      endsOn: '2027-05-06',
      approverRoles: ['approver', 'admin'],
      candidateNames: ['Jane Smith', 'Green Party', 'jane smith', '  '],
      ...overrides,
    });

    it('adds a period with the default explainer, written out in the organisation time zone, and audits it', async () => {
      await editor.post(`${base}/quiet-periods`, period()).expect(403);
      const { body } = await admin.post(`${base}/quiet-periods`, period()).expect(201);
      expect(body).toMatchObject({
        name: 'Pre-election period',
        startsOn: '2027-03-25',
        endsOn: '2027-05-06',
        startsAt: '2027-03-25T00:00:00.000Z',
        endsAt: '2027-05-06T23:00:00.000Z',
        datesText: 'From Thursday 25 March 2027 to the end of Thursday 6 May 2027 (Europe/London time)',
        channelIds: [],
        approverRoles: ['admin', 'approver'],
        candidateNames: ['Jane Smith', 'Green Party'],
      });
      expect(body.explainerTemplate).toMatch(/^Why we are posting less/);
      const [event] = await auditOf(owner, 'quiet_period.created');
      expect(event.summary.after).toMatchObject({ name: 'Pre-election period', candidateNameCount: 2 });

      const listed = await viewer.get(`${base}/quiet-periods`).expect(200);
      expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(body.id);
      await viewer.get(`${base}/quiet-periods/${body.id}`).expect(200);
      await outsider.get(`${base}/quiet-periods`).expect(403);
      await outsider.get(`/api/orgs/${outsider.orgId}/settings/quiet-periods/${body.id}`).expect(404);

      const active = await viewer.get(`${base}/quiet-periods/active?at=2027-05-06T22:30:00Z`).expect(200);
      expect(active.body.banner).toBe(
        'Pre-election period until the end of Thursday 6 May: every post and reply needs approval by an admin or an approver.',
      );
      const after = await viewer.get(`${base}/quiet-periods/active?at=2027-05-06T23:00:00Z`).expect(200);
      expect(after.body).toEqual({ period: null, banner: null });
    });

    it('refuses bad periods with a problem per field, and overlaps on the same channels', async () => {
      const shape = await admin
        .post(`${base}/quiet-periods`, { startsOn: '6 May', endsOn: '2027-05-06', approverRoles: ['editor'] })
        .expect(400);
      expect(fields(shape.body)).toEqual(expect.arrayContaining(['name', 'startsOn', 'approverRoles']));

      const backwards = await admin
        .post(`${base}/quiet-periods`, period({ startsOn: '2028-05-06', endsOn: '2028-05-01' }))
        .expect(400);
      expect(fields(backwards.body)).toEqual(['endsOn']);
      const unreal = await admin
        .post(`${base}/quiet-periods`, period({ startsOn: '2028-02-30' }))
        .expect(400);
      expect(fields(unreal.body)).toEqual(['startsOn']);

      const tooMany = Array.from({ length: 2001 }, (_, i) => `Name ${i}`);
      const long = await admin.post(`${base}/quiet-periods`, period({ candidateNames: tooMany })).expect(400);
      expect(fields(long.body)).toEqual(['candidateNames']);

      const foreign = await addChannel(api, outsider.orgId, 'theirs');
      const channel = await admin
        .post(
          `${base}/quiet-periods`,
          period({ startsOn: '2029-01-01', endsOn: '2029-01-02', channelIds: [foreign] }),
        )
        .expect(400);
      expect(fields(channel.body)).toEqual(['channelIds.0']);

      const clash = await admin
        .post(`${base}/quiet-periods`, period({ startsOn: '2027-05-06', endsOn: '2027-05-10' }))
        .expect(409);
      expect(clash.body.message).toMatch(/overlap "Pre-election period"/);
    });

    it('changes and deletes a period, with audit events', async () => {
      const created = await owner
        .post(
          `${base}/quiet-periods`,
          period({ name: 'By-election', startsOn: '2030-01-10', endsOn: '2030-02-01' }),
        )
        .expect(201);
      const path = `${base}/quiet-periods/${created.body.id}`;
      await put(editor, path, period()).expect(403);
      const changed = await put(
        owner,
        path,
        period({ name: 'By-election (Ward 3)', startsOn: '2030-01-12', endsOn: '2030-02-01' }),
      ).expect(200);
      expect(changed.body).toMatchObject({ name: 'By-election (Ward 3)', startsOn: '2030-01-12' });
      const [updated] = await auditOf(owner, 'quiet_period.updated');
      expect(updated.summary).toMatchObject({
        before: { name: 'By-election' },
        after: { name: 'By-election (Ward 3)' },
      });

      await viewer.del(path).expect(403);
      await owner.del(path).expect(204);
      await owner.get(path).expect(404);
      const [deleted] = await auditOf(owner, 'quiet_period.deleted');
      expect(deleted.summary.before).toMatchObject({ name: 'By-election (Ward 3)' });
    });

    it('finds the period in force by channel, from the first midnight to the last, across the clock changes', async () => {
      const org = await signUp(api);
      const a = await addChannel(api, org.orgId, 'a');
      const b = await addChannel(api, org.orgId, 'b');
      const orgBase = `/api/orgs/${org.orgId}/settings/quiet-periods`;
      // Starts on the day the clocks go forward and ends on the day they go back (2026, Europe/London).
      const summer = await org
        .post(
          orgBase,
          period({ name: 'Summer', startsOn: '2026-03-29', endsOn: '2026-10-25', channelIds: [a] }),
        )
        .expect(201);
      // Whole-organisation, in British Summer Time at both ends; it may share no day with Summer on channel a,
      // so it ends before.
      await org
        .post(orgBase, period({ name: 'Spring', startsOn: '2026-03-20', endsOn: '2026-03-28' }))
        .expect(201);
      // On channel b only, overlapping Summer's dates, which is allowed because the channels differ.
      await org
        .post(
          orgBase,
          period({ name: 'Channel b', startsOn: '2026-04-06', endsOn: '2026-05-07', channelIds: [b] }),
        )
        .expect(201);

      const service = api.app.get(QuietPeriodsService);
      const at = async (iso: string, channel?: string) =>
        (await service.quietPeriodAt(org.orgId, new Date(iso), channel))?.period.name ?? null;

      expect(await at('2026-03-28T23:59:59Z', a)).toBe('Spring');
      expect(await at('2026-03-29T00:00:00Z', a)).toBe('Summer');
      expect(await at('2026-03-29T00:00:00Z', b)).toBeNull();
      expect(await at('2026-03-29T00:00:00Z')).toBe('Summer');
      expect(await at('2026-10-25T23:59:59Z', a)).toBe('Summer');
      expect(await at('2026-10-26T00:00:00Z', a)).toBeNull();
      expect(await at('2026-04-05T22:59:59Z', b)).toBeNull();
      expect(await at('2026-04-05T23:00:00Z', b)).toBe('Channel b');
      expect(await at('2026-05-07T22:59:59Z', b)).toBe('Channel b');
      expect(await at('2026-05-07T23:00:00Z', b)).toBeNull();

      const found = await service.quietPeriodAt(org.orgId, new Date('2026-06-01T12:00:00Z'), a);
      expect(found!.period.id).toBe(summer.body.id);
      expect(found!.endsAt.toISOString()).toBe('2026-10-26T00:00:00.000Z');
      expect(
        service.namesMentioned('Meet JANE SMITH at the library, with the green-party stall', found!.period),
      ).toEqual(['Jane Smith', 'Green Party']);
      expect(service.namesMentioned('Bins go out on Tuesday', found!.period)).toEqual([]);

      const banner = await org.get(`${orgBase}/active?at=2026-04-10T12:00:00Z&channelId=${b}`).expect(200);
      expect(banner.body.banner).toBe(
        'Channel b until the end of Thursday 7 May: every post and reply on Anytown b (@b) needs approval by an admin or an approver.',
      );
    });
  });

  describe('safeguarding', () => {
    it('starts from the shipped phrase sets, the runbook and the abuse list', async () => {
      const { body } = await viewer.get(`${base}/safeguarding`).expect(200);
      expect(body.phraseSets.map((s: { id: string }) => s.id)).toEqual([
        'self-harm',
        'violence',
        'child-at-risk',
        'crime',
      ]);
      expect(body.phraseSets.every((s: { enabled: boolean }) => s.enabled)).toBe(true);
      expect(body.runbook).toContain('999');
      expect(body.runbook).toMatch(/never an automatic reply|Nothing has been sent automatically/);
      expect(body.abusePhrases.length).toBeGreaterThan(10);
      expect(body.notifyUserIds).toEqual([]);
    });

    it('saves edited, added and switched-off sets and the people to notify, refusing what does not fit', async () => {
      const current = (await owner.get(`${base}/safeguarding`).expect(200)).body;
      const sets = current.phraseSets.map((s: { id: string }) => ({ ...s, enabled: s.id !== 'crime' }));
      const input = {
        phraseSets: [
          ...sets,
          { name: 'Flooding emergency', enabled: true, phrases: ['water coming in', 'flooded*'] },
        ],
        notifyUserIds: [admin.userId],
        runbook: 'Call the duty officer on 01234 567890.',
        abusePhrases: ['numpty', 'numpty', 'pillock'],
      };
      await put(editor, `${base}/safeguarding`, input).expect(403);
      await outsider.get(`${base}/safeguarding`).expect(403);

      const notMember = await put(owner, `${base}/safeguarding`, {
        ...input,
        notifyUserIds: [outsider.userId],
      }).expect(400);
      expect(fields(notMember.body)).toEqual(['notifyUserIds.0']);
      const empty = await put(owner, `${base}/safeguarding`, {
        ...input,
        phraseSets: [
          { name: 'Empty', enabled: true, phrases: [] },
          { name: 'empty', enabled: false, phrases: [] },
        ],
      }).expect(400);
      expect(fields(empty.body)).toEqual(['phraseSets.0.phrases', 'phraseSets.1.name']);
      const shape = await put(owner, `${base}/safeguarding`, {
        ...input,
        runbook: '',
        abusePhrases: 'numpty',
      }).expect(400);
      expect(fields(shape.body)).toEqual(expect.arrayContaining(['runbook', 'abusePhrases']));

      const saved = await put(admin, `${base}/safeguarding`, input).expect(200);
      const added = saved.body.phraseSets[4];
      expect(added).toMatchObject({ name: 'Flooding emergency', enabled: true });
      expect(added.id).toMatch(/^custom-/);
      expect(saved.body.abusePhrases).toEqual(['numpty', 'pillock']);
      expect(saved.body.notifyUserIds).toEqual([admin.userId]);

      const [event] = await auditOf(owner, 'settings.safeguarding_changed');
      expect(event.summary.after).toMatchObject({ abusePhraseCount: 2, notifyUserIds: [admin.userId] });
      expect(event.summary.after!['set Crime report']).toMatch(/^off, \d+ phrases$/);
      expect(event.summary.after!['set Flooding emergency']).toBe('on, 2 phrases');
      expect(event.summary.before).not.toHaveProperty('set Self-harm or suicide');
      expect(JSON.stringify(event.summary)).not.toContain('pillock');

      const matchers = await api.app.get(SafeguardingService).matchersFor(owner.orgId);
      expect(matchers.safeguarding.match('The water coming in to the kitchen').setIds).toEqual([added.id]);
      expect(matchers.safeguarding.match('I want to report a burglary').setIds).toEqual([]);
      expect(matchers.abuse.match('you absolute numpty').setIds).toEqual(['abuse']);
    });
    it('stops naming someone to notify once they leave the organisation', async () => {
      const org = await signUp(api);
      const responder = await addMember(api, org.orgId, 'responder');
      const path = `/api/orgs/${org.orgId}/settings/safeguarding`;
      const current = (await org.get(path).expect(200)).body;
      const { defaultRunbook: _runbook, updatedAt: _updated, ...input } = current;
      await put(org, path, { ...input, notifyUserIds: [responder.userId, org.userId] }).expect(200);
      await org.del(`/api/orgs/${org.orgId}/members/${responder.userId}`).expect(204);
      expect((await org.get(path).expect(200)).body.notifyUserIds).toEqual([org.userId]);
      const matchers = await api.app.get(SafeguardingService).matchersFor(org.orgId);
      expect(matchers.settings.notifyUserIds).toEqual([org.userId]);
    });
  });

  describe('retention', () => {
    it('keeps messages for ever until told otherwise, then gives a cutoff in the organisation zone', async () => {
      const initial = await viewer.get(`${base}/retention`).expect(200);
      expect(initial.body).toMatchObject({
        keepMessagesForMonths: null,
        cutoff: null,
        sentence: 'Messages are kept for ever.',
      });

      for (const bad of [0, 241, 1.5, '12'])
        expect(
          fields((await put(admin, `${base}/retention`, { keepMessagesForMonths: bad }).expect(400)).body),
        ).toEqual(['keepMessagesForMonths']);
      await put(editor, `${base}/retention`, { keepMessagesForMonths: 12 }).expect(403);
      await outsider.get(`${base}/retention`).expect(403);

      const saved = await put(admin, `${base}/retention`, { keepMessagesForMonths: 1 }).expect(200);
      expect(saved.body.sentence).toBe('Messages are kept for 1 month, then deleted.');
      const [event] = await auditOf(owner, 'settings.retention_changed');
      expect(event.summary).toMatchObject({
        before: { keepMessagesForMonths: null },
        after: { keepMessagesForMonths: 1 },
      });

      const retention = api.app.get(RetentionService);
      // 31 March less a month is the last day of February; midnight GMT.
      expect(
        (await retention.retentionCutoff(owner.orgId, new Date('2026-03-31T12:00:00Z')))!.toISOString(),
      ).toBe('2026-02-28T00:00:00.000Z');
      await put(admin, `${base}/retention`, { keepMessagesForMonths: 12 }).expect(200);
      // Midnight in British Summer Time is 23:00 the day before in UTC.
      expect(
        (await retention.retentionCutoff(owner.orgId, new Date('2026-07-15T10:00:00Z')))!.toISOString(),
      ).toBe('2025-07-14T23:00:00.000Z');
      await put(admin, `${base}/retention`, { keepMessagesForMonths: null }).expect(200);
      expect(await retention.retentionCutoff(owner.orgId, new Date())).toBeNull();
    });
  });

  describe('writing coach', () => {
    it('makes hints mandatory and coaches drafts with the organisation settings', async () => {
      const initial = await viewer.get(`${base}/coach`).expect(200);
      expect(initial.body).toMatchObject({ mandatoryHints: [], targetReadingAge: 9 });
      expect(initial.body.hintKinds).toHaveLength(6);

      const bad = await put(admin, `${base}/coach`, {
        mandatoryHints: ['spelling'],
        targetReadingAge: 4,
      }).expect(400);
      expect(fields(bad.body)).toEqual(['mandatoryHints', 'targetReadingAge']);
      await put(editor, `${base}/coach`, { mandatoryHints: [], targetReadingAge: 9 }).expect(403);
      await outsider.get(`${base}/coach`).expect(403);

      await put(admin, `${base}/coach`, {
        mandatoryHints: ['missing-alt-text'],
        targetReadingAge: 11,
      }).expect(200);
      const [event] = await auditOf(owner, 'settings.coach_changed');
      expect(event.summary.after).toEqual({ mandatoryHints: ['missing-alt-text'], targetReadingAge: 11 });

      const coach = `/api/orgs/${owner.orgId}/coach`;
      const advice = await editor
        .post(coach, {
          text: 'Our bins are collected on Tuesday. #bankholidayopeningtimes',
          media: [{ altText: '' }, { altText: 'A bin lorry' }],
        })
        .expect(200);
      expect(advice.body.language).toBe('en');
      expect(advice.body.languageDetected).toBe(true);
      const ids = advice.body.hints.map((h: { id: string }) => h.id);
      expect(ids).toEqual(expect.arrayContaining(['missing-alt-text', 'camelcase-hashtag']));
      expect(advice.body.blocking).toEqual([
        expect.objectContaining({ id: 'missing-alt-text', mediaIndex: 0, blocking: true }),
      ]);

      const welsh = await viewer
        .post(coach, {
          text: 'Bydd y llyfrgell ar gau ddydd Llun oherwydd gwyl y banc. Diolch yn fawr iawn.',
        })
        .expect(200);
      expect(welsh.body).toMatchObject({ language: 'cy', languageDetected: true, blocking: [] });
      const given = await viewer.post(coach, { text: 'Hello', language: 'cy' }).expect(200);
      expect(given.body).toMatchObject({ language: 'cy', languageDetected: false });

      expect(fields((await viewer.post(coach, { text: 3, language: 'fr' }).expect(400)).body)).toEqual([
        'text',
        'language',
      ]);
      await outsider.post(coach, { text: 'Hello' }).expect(403);
    });
  });
});
