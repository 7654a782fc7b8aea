import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomToken } from '@outside-in/common';
import { AuditActor, AuditService, Membership, Organisation, Role, ROLES, User } from '@outside-in/database';

import { instantToZonedParts } from '@outside-in/guardrails';
import { BilingualSettingsService } from '@outside-in/guardrail-settings';
import { hashPassword } from '../auth/password-hasher';
import { PracticeChannelsService } from '../channels/practice-channels.service';
import { Caller, PostsService } from '../posts/posts.service';
import { DemoGuardrails } from './demo-guardrails';

const DEMO_ACTOR: AuditActor = { userId: null, label: 'Demo set-up' };

export interface DemoAccount {
  role: Role;
  name: string;
  email: string;
  password: string;
}

const PEOPLE: Record<Role, string> = {
  owner: 'Olivia Owen',
  admin: 'Aled Evans',
  approver: 'Priya Patel',
  editor: 'Eddie Morgan',
  responder: 'Rhiannon Price',
  viewer: 'Victor Hughes',
};

/**
 * On the first start of an empty deployment, creates "Demo Council" with one person per role so
 * a newcomer can look around at once. Passwords are random per installation (printed once), so a
 * demo that is left running somewhere reachable is not open to anyone who read the README. It starts with one
 * practice channel per network on the sandbox networks (when they are running).
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly practice: PracticeChannelsService,
    private readonly posts: PostsService,
    private readonly bilingual: BilingualSettingsService,
    private readonly guardrails: DemoGuardrails,
  ) {}

  async seedIfEmpty(): Promise<DemoAccount[] | null> {
    const seeded = await this.seedPeople();
    if (!seeded) return null;
    try {
      await this.practice.add(seeded.organisationId, DEMO_ACTOR, null);
      await this.seedPosts(seeded.organisationId);
    } catch (error) {
      this.logger.warn(
        `Demo Council starts without practice channels or posts: ${error instanceof Error ? error.message : error}`,
      );
    }
    try {
      await this.guardrails.seed(seeded.organisationId);
    } catch (error) {
      this.logger.warn(
        `Demo Council starts without its guardrail examples: ${error instanceof Error ? error.message : error}`,
      );
    }
    return seeded.accounts;
  }

  /**
   * A few posts on the practice channels, made the way people make them (the editor writes and submits, the
   * approver approves): two scheduled on the calendar, one waiting in the approver's queue, and a Welsh and English
   * pair scheduled.
   */
  private async seedPosts(organisationId: string): Promise<void> {
    const people: Array<{ id: string; name: string; email: string; role: Role }> =
      await this.dataSource.query(
        `SELECT u.id, u.name, u.email, m.role FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.role IN ('editor', 'approver')`,
        [organisationId],
      );
    const as = (role: Role): Caller => {
      const person = people.find((p) => p.role === role)!;
      return { actor: { userId: person.id, label: `${person.name} <${person.email}>` }, role, ip: null };
    };
    // Networks that can publish text alone (Instagram needs an image).
    const channels: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM channel WHERE organisation_id = $1 AND status = 'connected' AND network IN ('x', 'mastodon', 'bluesky', 'facebook')
        ORDER BY network`,
      [organisationId],
    );
    if (!channels.length) return;
    const day = (days: number) =>
      instantToZonedParts(new Date(Date.now() + days * 86_400_000), 'Europe/London').date;
    const plan = [
      {
        title: 'Garden waste collections',
        text: 'Garden waste collections start again on Monday. Put your brown bin out by 7am. Find your day: https://example.gov.uk/bins',
        schedule: { date: day(1), time: '10:00' },
        approve: true,
      },
      {
        title: 'Library opening hours',
        text: 'Our libraries open late on Thursdays this month, until 8pm. Bring the children for story time at 6pm.',
        schedule: { date: day(3), time: '12:30' },
        approve: true,
      },
      {
        title: 'Roadworks on Queen Street',
        text: 'Queen Street is closed to traffic from Tuesday for two weeks while we repair the road. Buses will divert via Park Place.',
        schedule: { date: day(5), time: '08:00' },
        approve: false,
      },
    ];
    for (const item of plan) {
      const { post } = await this.posts.create(
        organisationId,
        { title: item.title, text: item.text, channels: channels.map((c) => ({ channelId: c.id })) },
        as('editor'),
      );
      await this.posts.submit(organisationId, post.id, { schedule: item.schedule }, as('editor'));
      if (item.approve) await this.posts.approve(organisationId, post.id, {}, as('approver'));
    }
    // Demo Council publishes in Welsh and English, Welsh first (issue 7): one pair scheduled on every channel,
    // each channel carrying both halves, approved once as one post.
    await this.bilingual.update(
      organisationId,
      { firstLanguage: 'cy', defaultPair: ['cy', 'en'] },
      DEMO_ACTOR,
      null,
    );
    const { post } = await this.posts.create(
      organisationId,
      {
        title: 'Recycling centre hours (Welsh and English)',
        text: '',
        pair: [
          {
            language: 'cy',
            text: 'Bydd y ganolfan ailgylchu ar agor tan 7pm bob nos Fercher o’r wythnos nesaf. Dewch â’ch gwastraff gardd hefyd.',
          },
          {
            language: 'en',
            text: 'The recycling centre will be open until 7pm every Wednesday from next week. Bring your garden waste too.',
          },
        ],
        channels: channels.map((c) => ({ channelId: c.id })),
      },
      as('editor'),
    );
    await this.posts.submit(
      organisationId,
      post.id,
      { schedule: { date: day(2), time: '11:00' } },
      as('editor'),
    );
    await this.posts.approve(organisationId, post.id, {}, as('approver'));
  }

  private async seedPeople(): Promise<{ organisationId: string; accounts: DemoAccount[] } | null> {
    return this.dataSource.transaction(async (manager) => {
      // Serialise concurrent first starts (several api processes at once).
      await manager.query('SELECT pg_advisory_xact_lock(727002)');
      if ((await manager.getRepository(Organisation).count()) > 0) return null;
      const organisation = await manager
        .getRepository(Organisation)
        .save({ name: 'Demo Council', timeZone: 'Europe/London' });
      await this.audit.record(manager, {
        organisationId: organisation.id,
        actor: DEMO_ACTOR,
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: organisation.id,
        summary: { after: { name: organisation.name } },
      });
      const accounts: DemoAccount[] = [];
      for (const role of ROLES) {
        const password = `demo-${randomToken(9)}`;
        const email = `${role}@demo-council.example`;
        const user = await manager.getRepository(User).save({
          email,
          name: PEOPLE[role],
          passwordHash: await hashPassword(password),
          lastOrganisationId: organisation.id,
        });
        await manager
          .getRepository(Membership)
          .save({ organisationId: organisation.id, userId: user.id, role });
        await this.audit.record(manager, {
          organisationId: organisation.id,
          actor: DEMO_ACTOR,
          action: 'member.joined',
          subjectType: 'member',
          subjectId: user.id,
          summary: { after: { email, role } },
        });
        accounts.push({ role, name: PEOPLE[role], email, password });
      }
      return { organisationId: organisation.id, accounts };
    });
  }
}
