import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { constantTimeEqual, ForbiddenError, NotFoundError, NotSignedInError } from '@outside-in/common';
import { Membership } from '@outside-in/database';
import { Access, ACCESS_KEY } from './access.decorators';
import { AuthenticatedRequest } from './principal';
import { PrincipalResolver } from './principal-resolver.service';
import { UUID } from '../http/parse-id.pipe';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate every route passes: who is calling (session cookie or API token), whether a
 * cookie-authenticated change carries the CSRF token, and whether the caller's role in the
 * route's organisation is one the route allows. A route with no declaration is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!access) {
      this.logger.error(`Route ${request.method} ${request.route?.path} declares no access; refused.`);
      throw new ForbiddenError('This route is not available.');
    }

    request.principal = await this.principals.resolve(request);
    const principal = request.principal;

    const needsCsrf = !(access.kind === 'public' && !access.csrf);
    if (principal?.via === 'session' && needsCsrf && !SAFE_METHODS.has(request.method)) {
      const sent = request.header('x-csrf-token') ?? '';
      if (!principal.csrfToken || !constantTimeEqual(sent, principal.csrfToken)) {
        throw new ForbiddenError(
          'This change was refused because the security token (X-CSRF-Token) was missing or wrong. Reload the page and try again.',
        );
      }
    }

    if (access.kind === 'public') return true;
    if (!principal) throw new NotSignedInError('Sign in to continue.');
    if (access.kind === 'user') {
      if (principal.via === 'api-token' && !access.allowApiToken) {
        throw new ForbiddenError('API tokens cannot be used for this; sign in to the web app instead.');
      }
      return true;
    }

    const orgId = String(request.params.orgId ?? '');
    if (!orgId || !UUID.test(orgId)) throw new NotFoundError('There is no such organisation.');
    if (principal.tokenOrganisationId && principal.tokenOrganisationId !== orgId) {
      throw new ForbiddenError(
        'This API token belongs to another organisation. Create a token in this organisation to use it here.',
      );
    }
    const membership = await this.memberships.findOne({
      where: { organisationId: orgId, userId: principal.userId },
    });
    if (!membership) throw new ForbiddenError('You are not a member of this organisation.');
    request.organisation = { organisationId: orgId, role: membership.role };
    request.orgId = orgId;
    if (!access.roles.includes(membership.role)) {
      throw new ForbiddenError(
        `Your role (${membership.role}) cannot do this. It needs one of: ${access.roles.join(', ')}. Ask an admin of the organisation.`,
      );
    }
    return true;
  }
}
