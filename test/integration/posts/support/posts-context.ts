import { ChannelVault } from '@outside-in/channels';
import type { Role } from '@outside-in/database';
import { PublishRunner } from '@outside-in/publishing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../../support/api-harness';
import { addMember, signUp, SignedInClient } from '../../../support/api-client';
import { createSandboxChannel, FixtureNetwork, TestChannel } from '../../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';

/** A member who can also PUT (the shared client has post/patch/del/get). */
export interface Member extends SignedInClient {
  put(path: string, body?: object): request.Test;
}

export function withPut(client: SignedInClient): Member {
  return {
    ...client,
    put: (path, body) =>
      client.agent
        .put(path)
        .set('x-csrf-token', client.session.csrfToken)
        .send(body ?? {}),
  };
}

export interface PostsContext {
  api: TestApi;
  sandbox: TestSandbox;
  db: DataSource;
  runner: PublishRunner;
  orgId: string;
  owner: Member;
  members: Record<Exclude<Role, 'owner'>, Member>;
  /** A second approver, for policies that need two approvals. */
  approver2: Member;
  outsider: Member;
  channel(network: FixtureNetwork): Promise<TestChannel>;
  stop(): Promise<void>;
}

/** The real API with the publishing engine in it, the sandbox networks, an organisation with one member per role. */
export async function startPostsContext(overrides: Record<string, string> = {}): Promise<PostsContext> {
  const [api, sandbox] = await Promise.all([startApi(overrides), startSandbox()]);
  const db = api.app.get(DataSource);
  const owner = withPut(await signUp(api));
  const orgId = owner.orgId;
  const members = {} as PostsContext['members'];
  for (const role of ['admin', 'approver', 'editor', 'responder', 'viewer'] as const) {
    members[role] = withPut(await addMember(api, orgId, role));
  }
  const approver2 = withPut(await addMember(api, orgId, 'approver'));
  const outsider = withPut(await signUp(api));
  return {
    api,
    sandbox,
    db,
    runner: api.app.get(PublishRunner),
    orgId,
    owner,
    members,
    approver2,
    outsider,
    channel: (network) => createSandboxChannel(db, api.app.get(ChannelVault), sandbox, orgId, network),
    async stop() {
      await api.stop();
      await sandbox.stop();
    },
  };
}

/** Tomorrow's date in UTC as YYYY-MM-DD (far enough ahead in every zone the tests use). */
export function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function ledgerPosts(
  sandbox: TestSandbox,
  network: string,
  accountId: string,
): Promise<unknown[]> {
  const response = await fetch(
    `${sandbox.url}/_sandbox/ledger?${new URLSearchParams({ network, accountId, kind: 'post', limit: '1000' })}`,
  );
  return ((await response.json()) as { items: unknown[] }).items;
}
