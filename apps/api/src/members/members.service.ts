import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '@outside-in/common';
import { ApiToken, AuditActor, AuditService, Membership, Role } from '@outside-in/database';
import { OrganisationAccess } from '../auth/principal';
import { MemberListView, MemberView } from './member.dto';

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string): Promise<MemberListView> {
    const memberships = await this.dataSource.getRepository(Membership).find({
      where: { organisationId },
      relations: { user: true },
    });
    const items = memberships
      .map((m) => this.view(m))
      .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
    return { items };
  }

  async changeRole(
    access: OrganisationAccess,
    userId: string,
    role: Role,
    actor: AuditActor,
    ip: string | null,
  ): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, access.organisationId, userId);
      if (membership.role === role) return this.view(membership);
      this.assertMayTouchOwnerRole(access, membership.role, role);
      if (membership.role === 'owner')
        await this.assertAnotherOwner(manager, access.organisationId, userId, 'change the role of');
      const before = membership.role;
      await manager.getRepository(Membership).update({ id: membership.id }, { role });
      await this.audit.record(manager, {
        organisationId: access.organisationId,
        actor,
        action: 'member.role_changed',
        subjectType: 'member',
        subjectId: userId,
        summary: { email: membership.user!.email, before: { role: before }, after: { role } },
        ip,
      });
      return this.view({ ...membership, role });
    });
  }

  async remove(
    access: OrganisationAccess,
    userId: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, access.organisationId, userId);
      this.assertMayTouchOwnerRole(access, membership.role, membership.role);
      if (membership.role === 'owner')
        await this.assertAnotherOwner(manager, access.organisationId, userId, 'remove');
      await manager.getRepository(Membership).delete({ id: membership.id });
      // Tokens act with the member's role; without a membership they must stop working at once.
      await manager.getRepository(ApiToken).delete({ organisationId: access.organisationId, userId });
      await this.audit.record(manager, {
        organisationId: access.organisationId,
        actor,
        action: 'member.removed',
        subjectType: 'member',
        subjectId: userId,
        summary: { email: membership.user!.email, before: { role: membership.role } },
        ip,
      });
    });
  }

  private async lockMembership(
    manager: EntityManager,
    organisationId: string,
    userId: string,
  ): Promise<Membership> {
    const membership = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .setLock('pessimistic_write', undefined, ['m'])
      .where('m.organisationId = :organisationId AND m.userId = :userId', { organisationId, userId })
      .getOne();
    if (!membership) throw new NotFoundError('That person is not a member of this organisation.');
    return membership;
  }

  /** Only owners make or unmake owners: an admin cannot promote themselves past the people who appointed them. */
  private assertMayTouchOwnerRole(access: OrganisationAccess, from: Role, to: Role): void {
    if ((from === 'owner' || to === 'owner') && access.role !== 'owner') {
      throw new ForbiddenError('Only an owner can give or take away the owner role, or remove an owner.');
    }
  }

  private async assertAnotherOwner(
    manager: EntityManager,
    organisationId: string,
    userId: string,
    verb: string,
  ) {
    const owners = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.organisationId = :organisationId AND m.role = :role', { organisationId, role: 'owner' })
      .getMany();
    if (!owners.some((o) => o.userId !== userId)) {
      throw new ConflictError(`You cannot ${verb} the last owner. Make someone else an owner first.`);
    }
  }

  private view(m: Membership): MemberView {
    return {
      userId: m.userId,
      name: m.user!.name,
      email: m.user!.email,
      role: m.role,
      joinedAt: m.createdAt,
    };
  }
}
