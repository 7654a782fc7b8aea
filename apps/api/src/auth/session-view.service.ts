import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Membership, User } from '@outside-in/database';
import { SessionView } from './auth.dto';

/** What the web app learns about the signed-in person: who, which organisations, which one is current. */
@Injectable()
export class SessionViewService {
  constructor(@InjectRepository(Membership) private readonly memberships: Repository<Membership>) {}

  async build(user: User, csrfToken: string, manager?: EntityManager): Promise<SessionView> {
    const repository = manager ? manager.getRepository(Membership) : this.memberships;
    const memberships = await repository.find({
      where: { userId: user.id },
      relations: { organisation: true },
      order: { createdAt: 'ASC' },
    });
    const views = memberships
      .map((m) => ({
        organisationId: m.organisationId,
        organisationName: m.organisation!.name,
        role: m.role,
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName));
    const current =
      views.find((m) => m.organisationId === user.lastOrganisationId)?.organisationId ??
      views[0]?.organisationId ??
      null;
    return {
      user: { id: user.id, name: user.name, email: user.email },
      memberships: views,
      currentOrganisationId: current,
      csrfToken,
    };
  }
}
