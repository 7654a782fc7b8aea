import { AtpAgent, AtpSessionData } from '@atproto/api';
import { createHash } from 'node:crypto';
import { AuthExpired } from '../../port/platform-errors';
import type { ChannelConnection, RefreshedCredentials } from '../../port/platform-types';
import { mapBlueskyError } from './bluesky-errors';

/**
 * Signed-in AT agents, one per channel and credentials. Credentials: `identifier` (handle, DID or e-mail)
 * and `password` (an app password), and optionally `accessJwt`/`refreshJwt` (the session, resumed as is).
 * Keeping the agent keeps the tokens it refreshes by itself between calls, and spares createSession, which
 * a PDS limits to 30 per 5 minutes per identifier.
 */
export class BlueskySessions {
  private readonly agents = new Map<string, { fingerprint: string; agent: AtpAgent }>();

  async agentFor(connection: ChannelConnection): Promise<AtpAgent> {
    const fingerprint = fingerprintOf(connection);
    const cached = this.agents.get(connection.channelId);
    if (cached?.fingerprint === fingerprint && cached.agent.hasSession) return cached.agent;
    const agent = new AtpAgent({ service: connection.baseUrl });
    const { accessJwt, refreshJwt, identifier, password } = connection.credentials;
    if (accessJwt && refreshJwt) {
      // Set the stored session without a round trip; the agent refreshes it on its first ExpiredToken.
      agent.sessionManager.session = {
        did: connection.externalAccountId,
        handle: connection.handle,
        accessJwt,
        refreshJwt,
        active: true,
      };
    } else {
      await this.login(agent, connection, identifier, password);
    }
    this.agents.set(connection.channelId, { fingerprint, agent });
    return agent;
  }

  /** A fresh session: refresh the stored one, or sign in again with the app password when it is gone. */
  async refresh(connection: ChannelConnection): Promise<RefreshedCredentials> {
    const agent = await this.agentFor(connection).catch(() => new AtpAgent({ service: connection.baseUrl }));
    if (agent.hasSession) {
      // The agent swallows a failed refresh and drops its session; we then fall back to the app password.
      await agent.sessionManager.refreshSession().catch(() => undefined);
    }
    if (!agent.session || agent.session.accessJwt === connection.credentials.accessJwt) {
      const { identifier, password } = connection.credentials;
      await this.login(agent, connection, identifier, password);
    }
    const session = agent.session as AtpSessionData;
    const credentials: Record<string, string> = {
      ...connection.credentials,
      accessJwt: session.accessJwt,
      refreshJwt: session.refreshJwt,
    };
    this.agents.set(connection.channelId, {
      fingerprint: fingerprintOf({ ...connection, credentials }),
      agent,
    });
    // The access token is what goes stale first; refreshing before it expires keeps the stored pair current.
    return { credentials, expiresAt: jwtExpiry(session.accessJwt) };
  }

  private async login(
    agent: AtpAgent,
    connection: ChannelConnection,
    identifier: string | undefined,
    password: string | undefined,
  ): Promise<void> {
    if (!identifier || !password) {
      throw new AuthExpired(
        'bluesky',
        `Channel ${connection.channelId} has no Bluesky identifier and app password; reconnect it`,
      );
    }
    try {
      await agent.login({ identifier, password });
    } catch (error) {
      throw mapBlueskyError(error, false);
    }
  }
}

function fingerprintOf(connection: ChannelConnection): string {
  const entries = Object.entries(connection.credentials).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([connection.baseUrl, entries]))
    .digest('hex');
}

/** A JWT's `exp` claim (null when unreadable). */
export function jwtExpiry(jwt: string): Date | null {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  } catch {
    return null;
  }
}
