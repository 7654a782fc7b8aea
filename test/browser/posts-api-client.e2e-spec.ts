import { request, type APIRequestContext } from 'playwright-core';
import { POST_ROUTES, postPath, type PostRouteName } from '../../apps/web/src/api/posts';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';

jest.setTimeout(120_000);

/** The fields the publishing screens read from each answer (apps/web/src/api/posts.ts). */
const POST_FIELDS = [
  'id',
  'title',
  'text',
  'mediaIds',
  'author',
  'state',
  'stateText',
  'approval.required',
  'approval.approvalsRequired',
  'approval.approvals',
  'approval.canReview',
  'approval.cannotReviewBecause',
  'approval.mayEditWhileApproving',
  'targets[].id',
  'targets[].channel.id',
  'targets[].channel.network',
  'targets[].channel.networkName',
  'targets[].channel.handle',
  'targets[].channel.displayName',
  'targets[].channel.practice',
  'targets[].state',
  'targets[].stateText',
  'targets[].version',
  'targets[].parts[].text',
  'targets[].customised',
  'targets[].scheduledAt',
  'targets[].scheduledAtText',
  'targets[].externalUrl',
];
const RESULT_FIELDS = ['message', ...POST_FIELDS.map((f) => `post.${f}`)];

const FIELDS_READ: Partial<Record<PostRouteName, string[]>> = {
  validatePost: [
    'ok',
    'channels[].channelId',
    'channels[].channel.networkName',
    'channels[].channel.handle',
    'channels[].ok',
    'channels[].problems',
    'channels[].parts[].characters',
    'channels[].parts[].maxCharacters',
  ],
  createPost: RESULT_FIELDS,
  updatePost: RESULT_FIELDS,
  submitPost: RESULT_FIELDS,
  approvePost: RESULT_FIELDS,
  requestChanges: RESULT_FIELDS,
  rejectPost: RESULT_FIELDS,
  schedulePost: [...RESULT_FIELDS, 'schedule.adjustmentText'],
  cancelPost: RESULT_FIELDS,
  publishTargetNow: RESULT_FIELDS,
  cancelTarget: RESULT_FIELDS,
  post: [
    ...POST_FIELDS,
    'reviews[].id',
    'reviews[].decisionText',
    'reviews[].comment',
    'reviews[].createdAt',
    'reviews[].edit',
    'audit[].id',
    'audit[].createdAt',
    'audit[].action',
    'audit[].actor',
    'targets[].attempts',
  ],
  calendar: [
    'timeZone',
    'truncated',
    'items[].targetId',
    'items[].postId',
    'items[].title',
    'items[].excerpt',
    'items[].channel.network',
    'items[].channel.networkName',
    'items[].channel.handle',
    'items[].channel.practice',
    'items[].state',
    'items[].stateText',
    'items[].at',
  ],
  approvals: POST_FIELDS.map((f) => `items[].${f}`),
  approvalCount: ['waiting'],
  approvalPolicy: ['rolesRequiringApproval', 'approvalsRequired', 'approversMayEdit'],
  bilingualSettings: [
    'firstLanguage',
    'defaultPair',
    'ruleText',
    'languages[].code',
    'languages[].name',
    'languages[].nativeName',
  ],
  saveBilingualSettings: ['firstLanguage', 'defaultPair', 'ruleText', 'languages[].code'],
  uploadMedia: ['id', 'filename', 'mimeType', 'altText', 'needsAltText'],
  media: ['id', 'filename', 'mimeType', 'altText', 'needsAltText'],
  pause: ['organisationPaused', 'banner'],
  notifications: [
    'unread',
    'items[].id',
    'items[].message',
    'items[].postId',
    'items[].createdAt',
    'items[].readAt',
  ],
};

/** Field paths (with [] for "every item of this array") that the value does not have; null counts as present. */
function missingFields(value: unknown, paths: string[]): string[] {
  const has = (current: unknown, parts: string[]): boolean => {
    if (parts.length === 0) return true;
    if (typeof current !== 'object' || current === null) return false;
    const [part, ...rest] = parts;
    const isArray = part.endsWith('[]');
    const name = isArray ? part.slice(0, -2) : part;
    if (!(name in current)) return false;
    const next = (current as Record<string, unknown>)[name];
    if (!isArray) return has(next, rest);
    return Array.isArray(next) && next.length > 0 && next.every((item) => has(item, rest));
  };
  return paths.filter((path) => !has(value, path.split('.')));
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function londonDate(daysAhead: number): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(Date.now() + daysAhead * 24 * 60 * 60 * 1000)))
    parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The publishing screens' route table (POST_ROUTES in apps/web/src/api/posts.ts) against the real API: a walk
 * through every route, as the screens call them, returns the fields they read.
 */
describe('the publishing screens’ API client matches the API', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  const contexts: APIRequestContext[] = [];
  const called = new Set<PostRouteName>();

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ SANDBOX_URL: sandbox.url });
  });

  afterAll(async () => {
    for (const c of contexts) await c.dispose();
    await api?.stop();
    await sandbox?.stop();
  });

  interface Person {
    context: APIRequestContext;
    csrf: string;
  }

  async function person(signIn: { path: string; data: object }): Promise<Person & { orgId: string }> {
    const context = await request.newContext({ baseURL: api.url });
    contexts.push(context);
    const response = await context.post(signIn.path, { data: signIn.data });
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as { csrfToken: string; currentOrganisationId: string };
    return { context, csrf: body.csrfToken, orgId: body.currentOrganisationId };
  }

  async function call<T>(
    as: Person,
    name: PostRouteName,
    params: Record<string, string>,
    options: { data?: unknown; query?: string; multipart?: Record<string, unknown> } = {},
  ): Promise<T> {
    const [method] = POST_ROUTES[name];
    const response = await as.context.fetch(`${postPath(name, params)}${options.query ?? ''}`, {
      method,
      ...(options.multipart ? { multipart: options.multipart as never } : { data: options.data }),
      headers: { Accept: 'application/json', ...(method !== 'GET' ? { 'X-CSRF-Token': as.csrf } : {}) },
    });
    if (!response.ok())
      throw new Error(`${method} ${name} answered ${response.status()}: ${await response.text()}`);
    called.add(name);
    const isJson = (response.headers()['content-type'] ?? '').includes('application/json');
    const body = (isJson ? await response.json() : undefined) as T;
    const fields = FIELDS_READ[name];
    if (fields)
      expect({ route: name, missing: missingFields(body, fields) }).toEqual({ route: name, missing: [] });
    return body;
  }

  it('answers every posts route with the fields the screens read', async () => {
    const owner = await person({
      path: '/api/auth/sign-up',
      data: {
        organisationName: 'Anytown Borough Council',
        name: 'Olivia Owner',
        email: 'olivia@anytown.gov.uk',
        password: 'correct horse battery staple',
      },
    });
    const orgId = owner.orgId;
    const practice = await owner.context.post(`/api/orgs/${orgId}/channels/practice`, {
      data: {},
      headers: { 'X-CSRF-Token': owner.csrf },
    });
    const channels = ((await practice.json()) as { channels: { id: string; network: string }[] }).channels;
    const three = ['x', 'facebook', 'mastodon'].map((n) => channels.find((c) => c.network === n)!.id);
    const approverMember = await addMember(api, orgId, 'approver');
    const approver = await person({
      path: '/api/auth/sign-in',
      data: { email: approverMember.email, password: STRONG_PASSWORD },
    });

    await call(owner, 'approvalPolicy', { orgId });
    await call(owner, 'bilingualSettings', { orgId });
    await call(
      owner,
      'saveBilingualSettings',
      { orgId },
      { data: { firstLanguage: 'cy', defaultPair: ['cy', 'en'] } },
    );
    const media = await call<{ id: string }>(
      owner,
      'uploadMedia',
      { orgId },
      {
        multipart: {
          file: { name: 'hall.png', mimeType: 'image/png', buffer: PNG },
          altText: 'The town hall',
        },
      },
    );
    await call(owner, 'media', { orgId, mediaId: media.id });
    await call(owner, 'mediaContent', { orgId, mediaId: media.id });
    const compose = {
      text: 'The town hall is closed on Monday.',
      mediaIds: [media.id],
      channels: three.map((channelId) => ({ channelId })),
    };
    await call(owner, 'validatePost', { orgId }, { data: compose });
    const created = await call<{ post: { id: string } }>(owner, 'createPost', { orgId }, { data: compose });
    const postId = created.post.id;
    await call(owner, 'updatePost', { orgId, postId }, { data: { ...compose, title: 'Closure' } });
    const schedule = { date: londonDate(2), time: '10:00' };
    await call(owner, 'submitPost', { orgId, postId }, { data: { schedule } });
    await call(approver, 'approvals', { orgId });
    expect(await call<{ waiting: number }>(approver, 'approvalCount', { orgId })).toEqual({ waiting: 1 });
    await call(approver, 'notifications', { orgId });
    await call(approver, 'requestChanges', { orgId, postId }, { data: { comment: 'Say which hall.' } });
    await call(owner, 'submitPost', { orgId, postId }, { data: { schedule } });
    const approved = await call<{ post: { targets: { id: string; version: number }[] } }>(
      approver,
      'approvePost',
      { orgId, postId },
      { data: { comment: 'Fine' } },
    );
    await call(owner, 'schedulePost', { orgId, postId }, { data: { date: londonDate(3), time: '11:30' } });
    await call(
      owner,
      'calendar',
      {
        orgId,
      },
      {
        query: `?from=${new Date().toISOString()}&to=${new Date(Date.now() + 10 * 86_400_000).toISOString()}`,
      },
    );
    const [first, second] = approved.post.targets;
    await call(owner, 'cancelTarget', { orgId, postId, targetId: second.id }, { data: {} });
    await call(owner, 'publishTargetNow', { orgId, postId, targetId: first.id }, { data: {} });
    await call(owner, 'cancelPost', { orgId, postId }, { data: {} });
    await call(owner, 'post', { orgId, postId });

    const other = await call<{ post: { id: string } }>(owner, 'createPost', { orgId }, { data: compose });
    await call(owner, 'submitPost', { orgId, postId: other.post.id }, { data: { publishNow: true } });
    await call(approver, 'rejectPost', { orgId, postId: other.post.id }, { data: { comment: 'Not now.' } });

    await call(owner, 'pause', { orgId });
    await call(owner, 'readAllNotifications', { orgId }, { data: {} });

    // A route added to the table must be added to this walk too.
    expect(Object.keys(POST_ROUTES).filter((name) => !called.has(name as PostRouteName))).toEqual([]);
  });
});
