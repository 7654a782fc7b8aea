import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '@outside-in/common';
import { AuditActor, AuditService, Organisation } from '@outside-in/database';
import { OrganisationAccess } from '../auth/principal';
import { OrganisationView, UpdateOrganisationDto } from './organisation.dto';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(access: OrganisationAccess): Promise<OrganisationView> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: access.organisationId });
    return {
      id: organisation.id,
      name: organisation.name,
      timeZone: organisation.timeZone,
      role: access.role,
    };
  }

  async update(
    access: OrganisationAccess,
    input: UpdateOrganisationDto,
    actor: AuditActor,
    ip: string | null,
  ) {
    if (input.name === undefined && input.timeZone === undefined) {
      throw new InvalidInputError('Nothing to change: send a new name or timeZone.');
    }
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Organisation);
      const before = await repository.findOneByOrFail({ id: access.organisationId });
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
      };
      await repository.update({ id: access.organisationId }, changes);
      await this.audit.record(manager, {
        organisationId: access.organisationId,
        actor,
        action: 'organisation.updated',
        subjectType: 'organisation',
        subjectId: access.organisationId,
        summary: {
          before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof changes]])),
          after: changes,
        },
        ip,
      });
    });
    return this.get(access);
  }
}
