import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  ConflictError,
  ForbiddenError,
  GoneError,
  invalidFields,
  NotFoundError,
  NotSignedInError,
  publicUrl,
  randomToken,
  sha256Hex,
} from '@outside-in/common';
import { AuditActor, AuditService, Invitation, Membership, Organisation, User } from '@outside-in/database';
import { SessionView } from '../auth/auth.dto';
import { hashPassword } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { actorLabel, OrganisationAccess, Principal } from '../auth/principal';
import { SessionViewService } from '../auth/session-view.service';
import { SessionService } from '../auth/session.service';
import { clientIp } from '../http/client-ip';
import {
  AcceptInvitationDto,
  CreatedInvitationView,
  CreateInvitationDto,
  InvitationListView,
  InvitationPreview,
  InvitationView,
} from './invitation.dto';

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly sessionViews: SessionViewService,
  ) {}

  async listPending(organisationId: string): Promise<InvitationListView> {
    const invitations = await this.dataSource.getRepository(Invitation).find({
      where: { organisationId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
    return { items: await this.views(invitations) };
  }

  /** Creates an invitation; an earlier pending one for the same email is replaced, so only the newest link works. */
  async create(
    access: OrganisationAccess,
    input: CreateInvitationDto,
    actor: AuditActor,
    request: { ip: string | null; origin: string },
  ): Promise<CreatedInvitationView> {
    const ip = request.ip;
    if (input.role === 'owner' && access.role !== 'owner') {
      throw new ForbiddenError('Only an owner can invite another owner.');
    }
    const token = randomToken();
    const invitation = await this.dataSource.transaction(async (manager) => {
      const existing = await manager
        .getRepository(Membership)
        .createQueryBuilder('m')
        .innerJoin('m.user', 'u')
        .where('m.organisationId = :org AND u.email = :email', {
          org: access.organisationId,
          email: input.email,
        })
        .getExists();
      if (existing) throw new ConflictError(`${input.email} is already a member of this organisation.`);
      await manager.getRepository(Invitation).update(
        {
          organisationId: access.organisationId,
          email: input.email,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: new Date() },
      );
      const saved = await manager.getRepository(Invitation).save({
        organisationId: access.organisationId,
        email: input.email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedByUserId: actor.userId,
        expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3600_000),
      });
      await this.audit.record(manager, {
        organisationId: access.organisationId,
        actor,
        action: 'invitation.created',
        subjectType: 'invitation',
        subjectId: saved.id,
        summary: {
          after: { email: saved.email, role: saved.role, expiresAt: saved.expiresAt.toISOString() },
        },
        ip,
      });
      return saved;
    });
    const [view] = await this.views([invitation]);
    return {
      invitation: view,
      link: `${this.config.PUBLIC_URL ? publicUrl(this.config) : request.origin}/invitations/${token}`,
    };
  }

  async revoke(
    access: OrganisationAccess,
    invitationId: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(Invitation).update(
        {
          id: invitationId,
          organisationId: access.organisationId,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: new Date() },
      );
      if (!result.affected)
        throw new NotFoundError('There is no pending invitation with that id in this organisation.');
      const invitation = await manager.getRepository(Invitation).findOneByOrFail({ id: invitationId });
      await this.audit.record(manager, {
        organisationId: access.organisationId,
        actor,
        action: 'invitation.revoked',
        subjectType: 'invitation',
        subjectId: invitationId,
        summary: { before: { email: invitation.email, role: invitation.role } },
        ip,
      });
    });
  }

  async preview(token: string, principal: Principal | undefined): Promise<InvitationPreview> {
    const invitation = await this.usableInvitation(token);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: invitation.organisationId });
    const accountExists = await this.dataSource
      .getRepository(User)
      .exist({ where: { email: invitation.email } });
    return {
      organisationName: organisation.name,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      accountExists,
      signedInAs: principal?.via === 'session' ? principal.email : null,
    };
  }

  /**
   * Joins the organisation. The invitation is claimed by one conditional UPDATE, so a link used
   * twice (or twice at once) joins once; the account, membership, audit event and session are
   * written in the same transaction.
   */
  async accept(
    token: string,
    input: AcceptInvitationDto,
    principal: Principal | undefined,
    req: Request,
    res: Response,
  ): Promise<SessionView> {
    const invitation = await this.usableInvitation(token);
    const existingUser = await this.dataSource
      .getRepository(User)
      .findOne({ where: { email: invitation.email } });
    if (existingUser) {
      if (!principal || principal.via !== 'session') {
        throw new NotSignedInError(
          `An account already exists for ${invitation.email}. Sign in as ${invitation.email}, then open the link again.`,
        );
      }
      if (principal.userId !== existingUser.id) {
        throw new ForbiddenError(
          `This invitation is for ${invitation.email}, but you are signed in as ${principal.email}. Sign out, then open the link again.`,
        );
      }
    } else {
      const problems = [];
      if (!input.name) problems.push({ field: 'name', problem: 'Enter your name' });
      const passwordIssue =
        input.password === undefined
          ? 'Choose a password'
          : passwordProblem(input.password, [input.name ?? '', invitation.email.split('@')[0]]);
      if (passwordIssue) problems.push({ field: 'password', problem: passwordIssue });
      if (problems.length) {
        throw invalidFields(problems);
      }
    }
    const passwordHash = existingUser ? null : await hashPassword(input.password!);

    return this.dataSource.transaction(async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(Invitation)
        .set({ acceptedAt: () => 'now()' })
        .where('token_hash = :hash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()', {
          hash: sha256Hex(token),
        })
        .returning('*')
        .execute();
      if (!claimed.affected)
        throw new GoneError('This invitation has just been used or withdrawn. Ask for a new one.');
      let user = existingUser;
      if (!user) {
        user = await manager.getRepository(User).save({
          email: invitation.email,
          name: input.name!,
          passwordHash: passwordHash!,
          lastOrganisationId: invitation.organisationId,
        });
      } else {
        await manager
          .getRepository(User)
          .update({ id: user.id }, { lastOrganisationId: invitation.organisationId });
        user.lastOrganisationId = invitation.organisationId;
      }
      if (
        await manager
          .getRepository(Membership)
          .exist({ where: { organisationId: invitation.organisationId, userId: user.id } })
      ) {
        throw new ConflictError('You are already a member of this organisation.');
      }
      await manager.getRepository(Invitation).update({ id: invitation.id }, { acceptedByUserId: user.id });
      await manager
        .getRepository(Membership)
        .save({ organisationId: invitation.organisationId, userId: user.id, role: invitation.role });
      await this.audit.record(manager, {
        organisationId: invitation.organisationId,
        actor: { userId: user.id, label: actorLabel(user) },
        action: 'invitation.accepted',
        subjectType: 'member',
        subjectId: user.id,
        summary: { invitationId: invitation.id, after: { email: user.email, role: invitation.role } },
        ip: clientIp(req),
      });
      const csrfToken =
        principal?.csrfToken ?? (await this.sessions.start(user.id, req, res, manager)).csrfToken;
      return this.sessionViews.build(user, csrfToken, manager);
    });
  }

  private async usableInvitation(token: string): Promise<Invitation> {
    const invitation = await this.dataSource
      .getRepository(Invitation)
      .findOne({ where: { tokenHash: sha256Hex(token) } });
    if (!invitation)
      throw new NotFoundError(
        'This invitation link is not valid. Check you copied the whole link, or ask for a new one.',
      );
    if (invitation.acceptedAt)
      throw new GoneError(
        'This invitation has already been used. Sign in instead, or ask for a new invitation.',
      );
    if (invitation.revokedAt)
      throw new GoneError('This invitation was withdrawn. Ask an admin of the organisation for a new one.');
    if (invitation.expiresAt.getTime() <= Date.now())
      throw new GoneError('This invitation has expired. Ask an admin of the organisation for a new one.');
    return invitation;
  }

  private async views(invitations: Invitation[]): Promise<InvitationView[]> {
    const inviterIds = [
      ...new Set(invitations.map((i) => i.invitedByUserId).filter((id): id is string => !!id)),
    ];
    const inviters = inviterIds.length
      ? await this.dataSource.getRepository(User).findBy(inviterIds.map((id) => ({ id })))
      : [];
    const names = new Map(inviters.map((u) => [u.id, u.name]));
    return invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
      invitedBy: i.invitedByUserId ? (names.get(i.invitedByUserId) ?? null) : null,
    }));
  }
}
