import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource, Repository } from 'typeorm';
import { ConflictError, invalidFields, NotSignedInError, ForbiddenError } from '@outside-in/common';
import { AuditService, Membership, Organisation, User } from '@outside-in/database';
import { clientIp } from '../http/client-ip';
import { SessionView, SignInDto, SignUpDto } from './auth.dto';
import { hashPassword, verifyPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { actorLabel, Principal } from './principal';
import { SessionViewService } from './session-view.service';
import { SessionService } from './session.service';
import { SignInThrottleService } from './sign-in-throttle.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly sessionViews: SessionViewService,
    private readonly throttle: SignInThrottleService,
    private readonly audit: AuditService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /** Creates the organisation, its owner, the membership, the first audit event and the session in one transaction. */
  async signUp(input: SignUpDto, req: Request, res: Response): Promise<SessionView> {
    const problem = passwordProblem(input.password, [
      input.name,
      input.email.split('@')[0],
      input.organisationName,
    ]);
    if (problem) throw invalidFields([{ field: 'password', problem }]);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(User).exist({ where: { email: input.email } })) {
        throw new ConflictError('An account already uses this email. Sign in instead.', [
          { field: 'email', problem: 'An account already uses this email. Sign in instead.' },
        ]);
      }
      const organisation = await manager.getRepository(Organisation).save({ name: input.organisationName });
      const user = await manager
        .getRepository(User)
        .save({ email: input.email, name: input.name, passwordHash, lastOrganisationId: organisation.id });
      await manager
        .getRepository(Membership)
        .save({ organisationId: organisation.id, userId: user.id, role: 'owner' });
      const actor = { userId: user.id, label: actorLabel(user) };
      const ip = clientIp(req);
      await this.audit.record(manager, {
        organisationId: organisation.id,
        actor,
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: organisation.id,
        summary: { after: { name: organisation.name } },
        ip,
      });
      await this.audit.record(manager, {
        organisationId: organisation.id,
        actor,
        action: 'member.joined',
        subjectType: 'member',
        subjectId: user.id,
        summary: { after: { email: user.email, role: 'owner' } },
        ip,
      });
      const session = await this.sessions.start(user.id, req, res, manager);
      return this.sessionViews.build(user, session.csrfToken, manager);
    });
  }

  async signIn(input: SignInDto, req: Request, res: Response): Promise<SessionView> {
    await this.throttle.assertMayTry(input.email);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: input.email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(input.email);
      throw new NotSignedInError('Email or password is wrong.');
    }
    await this.throttle.recordSuccess(input.email);
    const session = await this.sessions.start(user.id, req, res);
    return this.sessionViews.build(user, session.csrfToken);
  }

  async current(principal: Principal): Promise<SessionView> {
    const user = await this.users.findOneOrFail({ where: { id: principal.userId } });
    return this.sessionViews.build(user, principal.csrfToken ?? '');
  }

  async switchOrganisation(principal: Principal, organisationId: string): Promise<SessionView> {
    const isMember = await this.dataSource
      .getRepository(Membership)
      .exist({ where: { userId: principal.userId, organisationId } });
    if (!isMember) throw new ForbiddenError('You are not a member of that organisation.');
    await this.users.update({ id: principal.userId }, { lastOrganisationId: organisationId });
    return this.current(principal);
  }
}
