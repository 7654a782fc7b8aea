import { ConflictException, Injectable } from '@nestjs/common';
import { SandboxDb } from '../../../core/sandbox-db';
import { Citizen, ProvisionAccountOptions, ProvisionedAccount } from '../../../core/sandbox-network';
import { metaIds } from '../meta-ids';
import { MetaAccountsRepository, MetaUser } from '../store/meta-accounts.repository';
import { MetaOAuthService } from './meta-oauth.service';

/** The Graph version the credentials suggest; the sandbox accepts any `vNN.N` in paths. */
export const META_GRAPH_VERSION = 'v21.0';

/** Facebook Pages and Instagram professional accounts created through POST /_sandbox/accounts. */
@Injectable()
export class MetaProvisioningService {
  constructor(
    private readonly db: SandboxDb,
    private readonly accounts: MetaAccountsRepository,
    private readonly oauth: MetaOAuthService,
  ) {}

  /**
   * network `facebook`: a page (accountId = page id) run by a new admin person. `instagram`: the same plus an
   * Instagram professional account linked to the page (accountId = Instagram user id). Tokens: a long-lived
   * user token of the admin and a page token that does not expire, as after Facebook Login and
   * fb_exchange_token.
   */
  async provision(
    network: 'facebook' | 'instagram',
    options: ProvisionAccountOptions,
  ): Promise<ProvisionedAccount> {
    const app = await this.oauth.app();
    const adminId = metaIds.numeric();
    const pageId = metaIds.numeric();
    const handle = options.handle ?? `${network === 'instagram' ? 'ig' : 'page'}_${pageId.slice(-8)}`;
    const name = options.displayName ?? handle;
    if (await this.accounts.usernameTaken(handle)) throw taken(network, handle);
    const igUserId = network === 'instagram' ? metaIds.instagram('user') : null;
    await this.db
      .transaction(async (tx) => {
        await this.accounts.insertUser({ id: adminId, name: `${name} admin`, kind: 'admin' }, tx);
        await this.accounts.insertPage(
          {
            id: pageId,
            name,
            username: handle,
            category: 'Government organization',
            admin_user_id: adminId,
            ig_user_id: null,
          },
          tx,
        );
        if (igUserId) {
          await this.accounts.insertIgUser(
            { id: igUserId, page_id: pageId, username: handle.toLowerCase(), name },
            tx,
          );
          await this.accounts.linkInstagram(pageId, igUserId, tx);
        }
      })
      .catch((error: unknown) => {
        // Two provisions racing for one username: the unique index decides.
        if ((error as { code?: string }).code === '23505') throw taken(network, handle);
        throw error;
      });
    const scopes = [
      'pages_show_list',
      'pages_read_engagement',
      'pages_manage_posts',
      'pages_manage_engagement',
      'pages_read_user_content',
      'pages_messaging',
      ...(igUserId
        ? [
            'instagram_basic',
            'instagram_content_publish',
            'instagram_manage_comments',
            'instagram_manage_messages',
          ]
        : []),
    ];
    const userToken = await this.oauth.issueUserToken(app.id, adminId, scopes, true);
    const pageAccessToken = await this.oauth.pageToken(userToken, pageId);
    return {
      accountId: igUserId ?? pageId,
      handle: igUserId ? handle.toLowerCase() : handle,
      displayName: name,
      credentials: {
        appId: app.id,
        appSecret: app.secret,
        userId: adminId,
        userAccessToken: userToken.token,
        pageId,
        pageAccessToken,
        instagramUserId: igUserId,
        graphPath: '/meta',
        graphVersion: META_GRAPH_VERSION,
      },
    };
  }

  /** The Facebook person (and Instagram account) behind a crowd citizen, created on first use. */
  async citizen(citizen: Citizen): Promise<MetaUser> {
    const existing = await this.accounts.findCitizen(citizen.key);
    if (existing) return existing;
    await this.accounts.insertUser({
      id: metaIds.numeric(),
      name: citizen.displayName,
      kind: 'citizen',
      citizen_key: citizen.key,
      ig_id: metaIds.instagram('user'),
      ig_username: citizen.handle,
    });
    const created = await this.accounts.findCitizen(citizen.key);
    if (!created) throw new Error(`Could not create the Meta person for citizen ${citizen.key}`);
    return created;
  }
}

function taken(network: string, handle: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `The ${network === 'instagram' ? 'Instagram' : 'Facebook'} username ${handle} is taken in this sandbox: choose another handle or leave it out.`,
  });
}
