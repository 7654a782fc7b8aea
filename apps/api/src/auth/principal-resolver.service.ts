import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { NotSignedInError, sha256Hex } from '@outside-in/common';
import { ApiToken, User } from '@outside-in/database';
import { AuthenticatedRequest, Principal } from './principal';
import { SESSION_COOKIE, SessionService } from './session.service';

/** How often a token's "last used" time is written: often enough to be useful, rarely enough to be cheap. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly sessions: SessionService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
  ) {}

  /** Finds the caller from a bearer API token or the session cookie; undefined when anonymous. */
  async resolve(request: AuthenticatedRequest): Promise<Principal | undefined> {
    const authorization = request.header('authorization');
    if (authorization) return this.fromApiToken(authorization);
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!cookie) return undefined;
    const session = await this.sessions.find(cookie);
    if (!session) return undefined;
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user) return undefined;
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      via: 'session',
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  private async fromApiToken(authorization: string): Promise<Principal> {
    const match = /^Bearer\s+(oi_[A-Za-z0-9_-]{20,})$/.exec(authorization.trim());
    if (!match) {
      throw new NotSignedInError(
        'The Authorization header must be "Bearer oi_..." with a personal API token.',
      );
    }
    const token = await this.tokens.findOne({
      where: { tokenHash: sha256Hex(match[1]), revokedAt: IsNull() },
      relations: { user: true },
    });
    if (!token || !token.user) throw new NotSignedInError('This API token is not valid or has been revoked.');
    if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) {
      throw new NotSignedInError('This API token has expired. Create a new one under Settings, API tokens.');
    }
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.tokens.update({ id: token.id }, { lastUsedAt: new Date() });
    }
    return {
      userId: token.user.id,
      name: token.user.name,
      email: token.user.email,
      via: 'api-token',
      tokenOrganisationId: token.organisationId,
    };
  }
}
