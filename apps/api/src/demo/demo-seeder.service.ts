import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomToken } from '@outside-in/common';
import { AuditActor, AuditService, Membership, Organisation, Role, ROLES, User } from '@outside-in/database';

import { hashPassword } from '../auth/password-hasher';
import { PracticeChannelsService } from '../channels/practice-channels.service';

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
  ) {}

  async seedIfEmpty(): Promise<DemoAccount[] | null> {
    const seeded = await this.seedPeople();
    if (!seeded) return null;
    try {
      await this.practice.add(seeded.organisationId, DEMO_ACTOR, null);
    } catch (error) {
      this.logger.warn(
        `Demo Council starts without practice channels: ${error instanceof Error ? error.message : error}`,
      );
    }
    return seeded.accounts;
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
