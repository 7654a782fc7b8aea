import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { ROLES, Role } from '@outside-in/database';

export const ACCESS_KEY = 'outside-in:access';

/**
 * Every route declares who may call it; the AccessGuard refuses routes that declare nothing.
 * The declaration is also written into the OpenAPI document as `x-access`, where the route
 * matrix test reads it.
 */
export type Access =
  | { kind: 'public'; csrf: boolean }
  | { kind: 'user'; allowApiToken: boolean }
  | { kind: 'organisation'; roles: Role[] };

function declare(access: Access) {
  const security = access.kind === 'public' ? [] : [ApiCookieAuth('session'), ApiSecurity('apiToken')];
  return applyDecorators(SetMetadata(ACCESS_KEY, access), ApiExtension('x-access', access), ...security);
}

/** Anyone, signed in or not. `csrf: false` only for the routes that create a session (sign in, sign up). */
export const Public = (options: { csrf?: boolean } = {}) =>
  declare({ kind: 'public', csrf: options.csrf ?? true });

/** Any signed-in person, whatever organisation; for the session itself. */
export const SignedIn = (options: { allowApiToken?: boolean } = {}) =>
  declare({ kind: 'user', allowApiToken: options.allowApiToken ?? false });

/** Members of the organisation named by the route's :orgId with one of these roles. */
export const Roles = (...roles: Role[]) => declare({ kind: 'organisation', roles });

/** Every member of the organisation, viewers included. */
export const AnyMember = () => Roles(...ROLES);
