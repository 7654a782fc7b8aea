import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelVault, networkName } from '@outside-in/channels';
import { WebhookSubscriber } from '@outside-in/inbox';
import {
  APP_CONFIG,
  AppConfig,
  ConflictError,
  GoneError,
  InvalidInputError,
  NotFoundError,
  randomToken,
  sandboxUrl,
  sha256Hex,
  TooManyAttemptsError,
} from '@outside-in/common';
import {
  AuditActor,
  Channel,
  ChannelConnectAttempt,
  OAuthClientRegistration,
  returnedRows,
} from '@outside-in/database';
import {
  AuthExpired,
  type ConnectedAccount,
  type ConnectEndpoints,
  isNetwork,
  type Network,
  type OAuthClient,
  type OAuthConnector,
  PlatformError,
  PlatformRegistry,
  RateLimited,
} from '@outside-in/platforms';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { ChannelView, ConnectChoiceView, SignInChannelDto, StartConnectDto } from './channel.dto';
import { ChannelsService } from './channels.service';
import { ConnectSettings } from './connect-settings';
import { parseServerUrl } from './server-url';

/** A person has this long to consent on the network, and then to choose among the accounts offered. */
const ATTEMPT_TTL_MS = 15 * 60 * 1000;
export const OAUTH_CALLBACK_PATH = '/api/channels/oauth/callback';

interface AttemptSecrets {
  codeVerifier: string;
  redirectUri: string;
  client: OAuthClient;
  endpoints: ConnectEndpoints;
  accounts?: ConnectedAccount[];
}

/** Where the callback sends the person: the Channels screen, with what happened. */
export interface CallbackOutcome {
  orgId: string | null;
  connected?: number;
  choose?: string;
  error?: string;
}

/**
 * The connect flows. OAuth: start (state and PKCE verifier kept sealed, the state only as its hash), the
 * network's consent page, the callback (the attempt claimed once, by the person who started it, before it
 * expires), then the accounts saved in one transaction, or offered for choosing when there are several.
 * App passwords: checked by signing in, then saved. Nothing is saved unless the network said yes.
 */
@Injectable()
export class ChannelConnectService {
  private readonly logger = new Logger(ChannelConnectService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: PlatformRegistry,
    private readonly vault: ChannelVault,
    private readonly settings: ConnectSettings,
    private readonly channels: ChannelsService,
    private readonly webhooks: WebhookSubscriber,
  ) {}

  async start(
    orgId: string,
    userId: string,
    body: StartConnectDto,
    origin: string,
  ): Promise<{ authorizeUrl: string }> {
    const network = this.network(body.network);
    const connector = this.registry.get(network).connector;
    if (connector.method !== 'oauth') {
      throw new InvalidInputError(
        `${networkName(network)} connects with a handle and an app password, not a sign-in page: use the ${networkName(network)} form.`,
      );
    }
    const reconnect = await this.reconnectTarget(orgId, network, body.reconnectChannelId);
    const redirectUri = `${this.config.PUBLIC_URL ? this.config.PUBLIC_URL.replace(/\/$/, '') : origin}${OAUTH_CALLBACK_PATH}`;
    const { client, endpoints } = await this.appFor(connector, body.serverUrl, reconnect, redirectUri);
    const state = randomToken(32);
    const codeVerifier = randomToken(48);
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const id = randomUUID();
    const secrets: AttemptSecrets = { codeVerifier, redirectUri, client, endpoints };
    const sealed = this.vault.seal({ ...secrets }, attemptBinding(id));
    await this.dataSource.getRepository(ChannelConnectAttempt).insert({
      id,
      organisationId: orgId,
      userId,
      network,
      baseUrl: endpoints.apiBaseUrl,
      practice: reconnect?.practice ?? this.isSandbox(endpoints.apiBaseUrl),
      reconnectChannelId: reconnect?.id ?? null,
      stateHash: sha256Hex(state),
      secretsKeyId: sealed.keyId,
      secretsSealed: sealed.sealed,
      stage: 'pending',
      expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
    });
    return {
      authorizeUrl: connector.authorizationUrl({ ...endpoints, client, redirectUri, state, codeChallenge }),
    };
  }

  /**
   * The network sent the person back. Every failure becomes words on the Channels screen; a forged, used or
   * expired state finds no attempt to claim and changes nothing.
   */
  async complete(
    query: { state?: string; code?: string; error?: string; error_description?: string },
    userId: string | undefined,
    actor: AuditActor | undefined,
    ip: string | null,
  ): Promise<CallbackOutcome> {
    if (!query.state) {
      return {
        orgId: null,
        error:
          'The network sent you back without the check Outside In needs, so nothing was connected. Start connecting again.',
      };
    }
    const repo = this.dataSource.getRepository(ChannelConnectAttempt);
    const attempt = await repo.findOneBy({ stateHash: sha256Hex(query.state) });
    if (!attempt) {
      return {
        orgId: null,
        error:
          'This sign-in link is not one Outside In started, so nothing was connected. Start connecting again from the Channels page.',
      };
    }
    const name = networkName(attempt.network);
    if (!userId || !actor || userId !== attempt.userId) {
      return {
        orgId: attempt.organisationId,
        error: `Connecting ${name} was started by someone else, or you were signed out on the way. Sign in and start connecting again.`,
      };
    }
    const claimed = await this.dataSource.query(
      `UPDATE channel_connect_attempt SET stage = 'exchanging' WHERE id = $1 AND stage = 'pending' AND expires_at > now() RETURNING id`,
      [attempt.id],
    );
    if (!returnedRows(claimed).length) {
      return {
        orgId: attempt.organisationId,
        error: `This ${name} sign-in has already been used or took longer than 15 minutes. Start connecting again.`,
      };
    }
    const fail = async (error: string): Promise<CallbackOutcome> => {
      await repo.update({ id: attempt.id }, { stage: 'failed' });
      return { orgId: attempt.organisationId, error };
    };
    if (query.error) {
      const denied = query.error === 'access_denied';
      return fail(
        denied
          ? `You did not give Outside In access to ${name}, so nothing was connected. To connect it, start again and choose to allow access.`
          : `${name} did not let the connection go ahead (${query.error_description || query.error}). Start connecting again; if it keeps happening, ask your administrator.`,
      );
    }
    if (!query.code)
      return fail(
        `${name} sent you back without a sign-in code, so nothing was connected. Start connecting again.`,
      );
    const secrets = this.vault.open<AttemptSecrets>(
      attempt.secretsKeyId,
      attempt.secretsSealed,
      attemptBinding(attempt.id),
    );
    const connector = this.registry.get(attempt.network).connector as OAuthConnector;
    let accounts: ConnectedAccount[];
    try {
      accounts = await connector.exchangeCode({
        ...secrets.endpoints,
        client: secrets.client,
        redirectUri: secrets.redirectUri,
        code: query.code,
        codeVerifier: secrets.codeVerifier,
      });
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      this.logger.warn(
        { network: attempt.network, code: error.networkCode },
        'Finishing a connection failed',
      );
      return fail(this.describeFailure(attempt.network, error));
    }
    if (!accounts.length) {
      return fail(
        connector.noAccountsMessage ??
          `${name} gave Outside In no account, so nothing was connected. Start connecting again.`,
      );
    }
    const target = {
      network: attempt.network,
      baseUrl: attempt.baseUrl,
      practice: attempt.practice,
      reconnectChannelId: attempt.reconnectChannelId,
    };
    if (accounts.length > 1 && !attempt.reconnectChannelId) {
      const sealed = this.vault.seal({ ...secrets, accounts }, attemptBinding(attempt.id));
      await repo.update(
        { id: attempt.id },
        {
          stage: 'choosing',
          secretsKeyId: sealed.keyId,
          secretsSealed: sealed.sealed,
          expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
        },
      );
      return { orgId: attempt.organisationId, choose: attempt.id };
    }
    try {
      const saved = await this.dataSource.transaction(async (manager) => {
        const channels = await this.channels.saveAccounts(
          manager,
          attempt.organisationId,
          target,
          accounts,
          actor,
          ip,
        );
        await manager.getRepository(ChannelConnectAttempt).update({ id: attempt.id }, { stage: 'done' });
        return channels;
      });
      // After the commit: the network is asked to push events; a refusal is kept on the channel, never fatal.
      await this.webhooks.subscribeAll(saved.map((channel) => channel.id));
      return { orgId: attempt.organisationId, connected: saved.length };
    } catch (error) {
      if (error instanceof InvalidInputError) return fail(error.message);
      throw error;
    }
  }

  async offered(orgId: string, userId: string, attemptId: string): Promise<ConnectChoiceView> {
    const { attempt, accounts } = await this.choosing(orgId, userId, attemptId);
    const existing = await this.dataSource.getRepository(Channel).findBy({
      organisationId: orgId,
      network: attempt.network,
      baseUrl: attempt.baseUrl,
      externalAccountId: In(accounts.map((a) => a.externalAccountId)),
    });
    const connected = new Set(
      existing.filter((c) => c.status !== 'disabled').map((c) => c.externalAccountId),
    );
    return {
      network: attempt.network,
      networkName: networkName(attempt.network),
      accounts: accounts.map((account) => ({
        key: account.externalAccountId,
        handle: account.handle,
        displayName: account.displayName,
        alreadyConnected: connected.has(account.externalAccountId),
      })),
    };
  }

  async choose(
    orgId: string,
    actor: AuditActor & { userId: string },
    attemptId: string,
    keys: string[],
    ip: string | null,
  ): Promise<{ channels: ChannelView[] }> {
    const { attempt, accounts } = await this.choosing(orgId, actor.userId, attemptId);
    const chosen = accounts.filter((account) => keys.includes(account.externalAccountId));
    const unknown = keys.filter((key) => !accounts.some((a) => a.externalAccountId === key));
    if (unknown.length || !chosen.length) {
      throw new InvalidInputError('Choose accounts from the list offered.', [
        { field: 'accounts', problem: 'Choose accounts from the list offered.' },
      ]);
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      const claimed = await manager.query(
        `UPDATE channel_connect_attempt SET stage = 'done' WHERE id = $1 AND stage = 'choosing' AND expires_at > now() RETURNING id`,
        [attempt.id],
      );
      if (!returnedRows(claimed).length)
        throw new GoneError(
          'These accounts were already connected, or the choice took longer than 15 minutes. Start connecting again.',
        );
      const target = {
        network: attempt.network,
        baseUrl: attempt.baseUrl,
        practice: attempt.practice,
        reconnectChannelId: null,
      };
      return this.channels.saveAccounts(manager, orgId, target, chosen, actor, ip);
    });
    await this.webhooks.subscribeAll(saved.map((channel) => channel.id));
    return { channels: await Promise.all(saved.map((channel) => this.channels.view(orgId, channel.id))) };
  }

  async signIn(
    orgId: string,
    actor: AuditActor,
    body: SignInChannelDto,
    ip: string | null,
  ): Promise<{ channel: ChannelView }> {
    const network = this.network(body.network);
    const connector = this.registry.get(network).connector;
    if (connector.method !== 'app_password') {
      throw new InvalidInputError(
        `${networkName(network)} connects through its own sign-in page: use “Connect ${networkName(network)}”.`,
      );
    }
    const reconnect = await this.reconnectTarget(orgId, network, body.reconnectChannelId);
    const presentation = this.settings.presentationOf(network);
    const serverUrl =
      reconnect?.baseUrl ??
      (body.serverUrl
        ? parseServerUrl(
            body.serverUrl,
            'serverUrl',
            presentation.defaultServerUrl ?? 'https://example.org',
            [sandboxUrl(this.config)],
          )
        : presentation.defaultServerUrl);
    if (!serverUrl)
      throw new InvalidInputError('Enter the server address.', [
        { field: 'serverUrl', problem: 'Enter the server address.' },
      ]);
    const identifier = body.identifier.replace(/^@/, '');
    let accounts: ConnectedAccount[];
    try {
      accounts = await connector.signIn({ apiBaseUrl: serverUrl, identifier, password: body.secret });
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      throw this.signInProblem(network, serverUrl, error);
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      const target = {
        network,
        baseUrl: serverUrl,
        practice: reconnect?.practice ?? this.isSandbox(serverUrl),
        reconnectChannelId: reconnect?.id ?? null,
      };
      return this.channels.saveAccounts(manager, orgId, target, accounts, actor, ip);
    });
    await this.webhooks.subscribeAll(saved.map((channel) => channel.id));
    return { channel: await this.channels.view(orgId, saved[0].id) };
  }

  private async choosing(orgId: string, userId: string, attemptId: string) {
    const attempt = await this.dataSource
      .getRepository(ChannelConnectAttempt)
      .findOneBy({ id: attemptId, organisationId: orgId, userId });
    if (!attempt || attempt.stage !== 'choosing') {
      throw new NotFoundError('There is no choice of accounts waiting for you: start connecting again.');
    }
    if (attempt.expiresAt.getTime() < Date.now()) {
      throw new GoneError('The choice of accounts took longer than 15 minutes. Start connecting again.');
    }
    const secrets = this.vault.open<AttemptSecrets>(
      attempt.secretsKeyId,
      attempt.secretsSealed,
      attemptBinding(attempt.id),
    );
    return { attempt, accounts: secrets.accounts ?? [] };
  }

  private network(value: string): Network {
    if (!isNetwork(value) || !this.registry.has(value)) {
      throw new InvalidInputError(`Outside In cannot connect “${value}” accounts.`, [
        { field: 'network', problem: 'Choose one of the networks listed.' },
      ]);
    }
    return value;
  }

  private async reconnectTarget(
    orgId: string,
    network: Network,
    channelId: string | undefined,
  ): Promise<Channel | null> {
    if (!channelId) return null;
    const channel = await this.channels.find(orgId, channelId);
    if (channel.network !== network) {
      throw new InvalidInputError(
        `That channel is on ${networkName(channel.network)}, not ${networkName(network)}.`,
        [{ field: 'reconnectChannelId', problem: 'Reconnect a channel with its own network.' }],
      );
    }
    return channel;
  }

  /** The app and endpoints for this flow: from settings, or registered once per server (kept sealed). */
  private async appFor(
    connector: OAuthConnector,
    serverUrl: string | undefined,
    reconnect: Channel | null,
    redirectUri: string,
  ): Promise<{ client: OAuthClient; endpoints: ConnectEndpoints }> {
    const name = networkName(connector.network);
    if (connector.clientSource === 'settings') {
      const app = this.settings.configuredApp(connector.network);
      if (!app) {
        const required = this.settings.presentationOf(connector.network).requiredSettings.join(' and ');
        throw new ConflictError(
          `${name} is not set up on this server yet: an administrator needs to set ${required}. Practice channels work without it.`,
        );
      }
      if (reconnect && reconnect.baseUrl !== app.endpoints.apiBaseUrl) {
        throw new ConflictError(
          `This ${name} channel was connected through ${reconnect.baseUrl}, which this server is no longer set up for. Connect the account as a new channel.`,
        );
      }
      return app;
    }
    const example = 'https://mastodon.social';
    const server =
      reconnect?.baseUrl ??
      (serverUrl ? parseServerUrl(serverUrl, 'serverUrl', example, [sandboxUrl(this.config)]) : null);
    if (!server) {
      throw new InvalidInputError(`Enter the address of your ${name} server, like ${example}.`, [
        { field: 'serverUrl', problem: `Enter the address of your ${name} server, like ${example}.` },
      ]);
    }
    const endpoints = connector.endpointsForServer!(server);
    const repo = this.dataSource.getRepository(OAuthClientRegistration);
    const known = await repo.findOneBy({
      network: connector.network,
      baseUrl: endpoints.apiBaseUrl,
      redirectUri,
    });
    if (known) {
      const secret = this.vault.open<{ clientSecret: string }>(
        known.secretKeyId,
        known.secretSealed,
        clientBinding(known),
      );
      return { client: { clientId: known.clientId, clientSecret: secret.clientSecret }, endpoints };
    }
    let client: OAuthClient;
    try {
      client = await connector.registerClient!(endpoints, {
        appName: 'Outside In',
        redirectUri,
        website: this.config.PUBLIC_URL ?? 'https://github.com/outside-in',
      });
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      const problem =
        error.kind === 'transient' || error.kind === 'outcome_unknown'
          ? `We could not reach ${server}. Check the address (for example ${example}) and that the server is up.`
          : `${server} did not answer as a ${name} server would. Check the address, for example ${example}.`;
      throw new InvalidInputError(problem, [{ field: 'serverUrl', problem }]);
    }
    const registration = { network: connector.network, baseUrl: endpoints.apiBaseUrl, redirectUri };
    const sealed = this.vault.seal({ clientSecret: client.clientSecret ?? '' }, clientBinding(registration));
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        ...registration,
        clientId: client.clientId,
        secretKeyId: sealed.keyId,
        secretSealed: sealed.sealed,
      })
      .orIgnore()
      .execute();
    const stored = await repo.findOneByOrFail(registration);
    const secret = this.vault.open<{ clientSecret: string }>(
      stored.secretKeyId,
      stored.secretSealed,
      clientBinding(stored),
    );
    return { client: { clientId: stored.clientId, clientSecret: secret.clientSecret }, endpoints };
  }

  private describeFailure(network: string, error: PlatformError): string {
    const name = networkName(network);
    if (error instanceof AuthExpired)
      return `${name} did not accept the sign-in, so nothing was connected. Start connecting again.`;
    if (error instanceof RateLimited)
      return `${name} is limiting requests just now, so nothing was connected. Try again after ${error.resetAt.toISOString().slice(11, 16)} UTC.`;
    if (error.kind === 'transient' || error.kind === 'outcome_unknown')
      return `We could not reach ${name} to finish connecting, so nothing was connected. Try again in a few minutes.`;
    return `${name} refused the connection (${error.message}), so nothing was connected.`;
  }

  private signInProblem(network: Network, serverUrl: string, error: PlatformError): Error {
    const name = networkName(network);
    if (error instanceof AuthExpired || error.kind === 'permanent' || error.kind === 'invalid_content') {
      const problem = `${name} did not accept this handle and app password. Check both, or make a new app password for Outside In.`;
      return new InvalidInputError(problem, [{ field: 'secret', problem }]);
    }
    if (error instanceof RateLimited) {
      return new TooManyAttemptsError(
        `${name} has had too many sign-in attempts for this account. Wait until ${error.resetAt.toISOString().slice(11, 16)} UTC and try again.`,
        Math.max(1, Math.ceil((error.resetAt.getTime() - Date.now()) / 1000)),
      );
    }
    const problem = `We could not reach ${serverUrl}. Check the server address and try again.`;
    return new InvalidInputError(problem, [{ field: 'serverUrl', problem }]);
  }

  private isSandbox(baseUrl: string): boolean {
    return baseUrl.startsWith(sandboxUrl(this.config));
  }
}

function attemptBinding(id: string): string {
  return `connect-attempt:${id}`;
}

function clientBinding(client: { network: string; baseUrl: string; redirectUri: string }): string {
  return `oauth-client:${client.network}:${client.baseUrl}:${client.redirectUri}`;
}
