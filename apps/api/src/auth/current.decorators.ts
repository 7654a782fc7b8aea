import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { NotSignedInError } from '@outside-in/common';
import { clientIp } from '../http/client-ip';
import { AuthenticatedRequest, OrganisationAccess, Principal } from './principal';

/** The signed-in caller; the guard has already refused the request if there is none. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new NotSignedInError('Sign in to continue.');
  return principal;
});

/** The caller's membership of the organisation in the route. */
export const CurrentOrganisation = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): OrganisationAccess => {
    const access = ctx.switchToHttp().getRequest<AuthenticatedRequest>().organisation;
    if (!access) throw new Error('CurrentOrganisation used on a route without @Roles');
    return access;
  },
);

/** The caller's address, for the audit log. */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null =>
  clientIp(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/** Whoever may be signed in on a public route (an invitation accepted by an existing user). */
export const OptionalPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
