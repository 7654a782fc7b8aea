import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FaultService } from '../../../core/fault.service';
import { GraphContext, graphContext, GraphResult } from '../graph/graph-context';
import { GraphError, invalidParameter, unknownPath, unsupportedRequest } from '../graph/graph-error';
import { writeGraphError } from '../graph/write-graph-error';
import { selectFields } from '../graph/graph-fields';
import { MetaAccountsRepository, MetaIgUser, MetaPage } from '../store/meta-accounts.repository';
import { MetaContentRepository } from '../store/meta-content.repository';
import { MetaInstagramRepository } from '../store/meta-instagram.repository';
import { MetaMessagingRepository } from '../store/meta-messaging.repository';
import { MetaNode, MetaNodesRepository } from '../store/meta-nodes.repository';
import { CommentsService } from './comments.service';
import { InstagramService } from './instagram.service';
import { MessengerService } from './messenger.service';
import { GraphCaller, MetaAuthService } from './meta-auth.service';
import { GraphIdentityService } from './graph-identity.service';
import { MetaOAuthService } from './meta-oauth.service';
import { MetaSubscriptionsService } from './meta-subscriptions.service';
import { BusinessUseCase, MetaUsageService } from './meta-usage.service';
import { PageFeedService, UploadedFile } from './page-feed.service';

const VERSION_PATTERN = /^v\d{1,2}\.\d$/;

/** Where a call counts: the network and account for faults, and the Business Use Case for limits. */
interface CallScope {
  network: 'facebook' | 'instagram';
  accountId?: string;
  buc?: BusinessUseCase;
}

/**
 * Graph's `/{version}/{node}[/{edge}]`: authenticates, resolves what the id is, applies faults and rate
 * limits, runs the handler for (node type, method, edge), and writes the JSON answer or the Graph error.
 */
@Injectable()
export class GraphRouterService {
  private readonly logger = new Logger(GraphRouterService.name);

  constructor(
    private readonly auth: MetaAuthService,
    private readonly oauth: MetaOAuthService,
    private readonly nodes: MetaNodesRepository,
    private readonly accounts: MetaAccountsRepository,
    private readonly content: MetaContentRepository,
    private readonly instagramStore: MetaInstagramRepository,
    private readonly messaging: MetaMessagingRepository,
    private readonly feed: PageFeedService,
    private readonly comments: CommentsService,
    private readonly messenger: MessengerService,
    private readonly instagram: InstagramService,
    private readonly subscriptions: MetaSubscriptionsService,
    private readonly usage: MetaUsageService,
    private readonly faults: FaultService,
    private readonly identity: GraphIdentityService,
  ) {}

  async handle(
    req: Request,
    res: Response,
    version: string,
    nodeId: string,
    edge: string | undefined,
    files: UploadedFile[],
  ): Promise<void> {
    try {
      if (!VERSION_PATTERN.test(version)) {
        throw unknownPath(`/${version}: Graph paths start with a version such as /v21.0`);
      }
      const method = req.method.toUpperCase();
      if (!['GET', 'POST', 'DELETE'].includes(method)) throw unsupportedRequest(method, nodeId);
      if (nodeId === 'oauth' && edge === 'access_token') {
        if (await this.faults.before(req, res, { network: 'facebook' })) return;
        send(res, { body: await this.oauth.exchange(req) });
        return;
      }
      const caller = await this.auth.authenticate(req);
      const ctx = graphContext(req, version, caller);
      const node = await this.resolve(ctx, nodeId);
      const scope = await this.scopeOf(caller, node);
      if (await this.faults.before(req, res, { network: scope.network, accountId: scope.accountId })) return;
      this.usage.consume(res, caller, scope.network, scope.buc);
      const result = await this.route(ctx, method, node, edge, files);
      if (
        result.created &&
        this.faults.dropAfterCommit(req, res, { network: scope.network, accountId: scope.accountId })
      )
        return;
      send(res, result);
    } catch (error) {
      writeGraphError(res, error, this.logger);
    }
  }

  private async resolve(
    ctx: GraphContext,
    nodeId: string,
  ): Promise<MetaNode | { kind: 'debug_token'; id: string; pageId: null }> {
    if (nodeId === 'debug_token') return { kind: 'debug_token', id: nodeId, pageId: null };
    if (nodeId === 'me') {
      const caller = ctx.caller;
      if (caller.kind === 'page') return { kind: 'page', id: caller.pageId, pageId: caller.pageId };
      if (caller.kind === 'user') return { kind: 'user', id: caller.userId, pageId: null };
      throw new GraphError(
        2500,
        'An active access token must be used to query information about the current user.',
      );
    }
    const node = await this.nodes.resolve(nodeId);
    if (!node) throw unsupportedRequest(ctx.req.method, nodeId);
    return node;
  }

  private async scopeOf(
    caller: GraphCaller,
    node: { kind: string; pageId: string | null },
  ): Promise<CallScope> {
    if (node.kind.startsWith('ig_') && node.pageId) {
      const page = await this.accounts.findPage(node.pageId);
      const igId = page?.ig_user_id ?? node.pageId;
      return {
        network: 'instagram',
        accountId: igId,
        buc: { network: 'instagram', id: igId, type: 'instagram' },
      };
    }
    if (node.pageId) {
      return {
        network: 'facebook',
        accountId: node.pageId,
        buc: caller.kind === 'page' ? { network: 'facebook', id: node.pageId, type: 'pages' } : undefined,
      };
    }
    const accountId =
      caller.kind === 'page' ? caller.pageId : caller.kind === 'user' ? caller.userId : caller.appId;
    return { network: 'facebook', accountId };
  }

  private async route(
    ctx: GraphContext,
    method: string,
    node: MetaNode | { kind: 'debug_token'; id: string; pageId: null },
    edge: string | undefined,
    files: UploadedFile[],
  ): Promise<GraphResult> {
    const key = `${method} ${edge ?? ''}`;
    const noRoute = (): GraphError =>
      edge
        ? method === 'GET'
          ? invalidParameter(
              `Tried accessing nonexisting field (${edge}) on node type (${nodeTypeName(node.kind)})`,
            )
          : unsupportedRequest(method, `${node.id}/${edge}`)
        : unsupportedRequest(method, node.id);

    switch (node.kind) {
      case 'debug_token':
        if (key !== 'GET ') throw noRoute();
        return this.identity.debugToken(ctx);
      case 'app': {
        const app = await this.accounts.findApp(node.id);
        if (!app) throw noRoute();
        if (key === 'GET ')
          return {
            body: selectFields('Application', { id: app.id, name: app.name }, ctx.fields, ['id', 'name']),
          };
        if (key === 'POST subscriptions') return this.subscriptions.subscribeApp(ctx, app);
        if (key === 'GET subscriptions') return this.subscriptions.listApp(ctx, app);
        if (key === 'DELETE subscriptions') return this.subscriptions.unsubscribeApp(ctx, app);
        throw noRoute();
      }
      case 'user':
        return this.identity.routeUser(ctx, key, node.id, noRoute);
      case 'page': {
        const page = await this.page(node.pageId);
        switch (key) {
          case 'GET ':
            return this.identity.getPage(ctx, page);
          case 'GET feed':
          case 'GET posts':
          case 'GET published_posts':
            return this.feed.listPosts(ctx, page, 'feed');
          case 'GET scheduled_posts':
            return this.feed.listPosts(ctx, page, 'scheduled');
          case 'POST feed':
            return this.feed.createPost(ctx, page);
          case 'POST photos':
            return this.feed.createPhoto(ctx, page, files);
          case 'GET conversations':
            return this.messenger.listConversations(ctx, page);
          case 'POST messages':
            return this.messenger.send(ctx, page);
          case 'GET subscribed_apps':
            return this.subscriptions.listOnPage(ctx, page);
          case 'POST subscribed_apps':
            return this.subscriptions.installOnPage(ctx, page);
          case 'DELETE subscribed_apps':
            return this.subscriptions.uninstallFromPage(ctx, page);
          default:
            throw noRoute();
        }
      }
      case 'post': {
        const page = await this.page(node.pageId);
        const post = await this.content.findPost(node.id);
        if (!post) throw noRoute();
        if (key === 'GET ') return this.feed.getPost(ctx, page, post);
        if (key === 'DELETE ') return this.feed.deletePost(ctx, page, post);
        if (key === 'GET comments') return this.comments.listFacebook(ctx, page, { post });
        if (key === 'POST comments') return this.comments.createFacebook(ctx, page, { post });
        throw noRoute();
      }
      case 'photo': {
        const page = await this.page(node.pageId);
        const photo = await this.content.findPhoto(node.id);
        if (!photo) throw noRoute();
        if (key === 'GET ') return this.feed.getPhoto(ctx, page, photo);
        // A published photo's comments live on its post.
        const post = photo.post_id ? await this.content.findPost(photo.post_id) : undefined;
        if (post && key === 'GET comments') return this.comments.listFacebook(ctx, page, { post });
        if (post && key === 'POST comments') return this.comments.createFacebook(ctx, page, { post });
        throw noRoute();
      }
      case 'comment': {
        const page = await this.page(node.pageId);
        const comment = await this.content.findComment(node.id);
        if (!comment) throw noRoute();
        if (key === 'GET ') return this.comments.getFacebook(ctx, page, comment);
        if (key === 'POST ') return this.comments.updateFacebook(ctx, page, comment);
        if (key === 'DELETE ') return this.comments.delete(ctx, page, comment);
        if (key === 'GET comments') return this.comments.listFacebook(ctx, page, { comment });
        if (key === 'POST comments') return this.comments.createFacebook(ctx, page, { comment });
        throw noRoute();
      }
      case 'conversation': {
        const page = await this.page(node.pageId);
        const conversation = await this.messaging.findConversation(node.id);
        if (!conversation) throw noRoute();
        if (key === 'GET ') return this.messenger.getConversation(ctx, page, conversation);
        if (key === 'GET messages') return this.messenger.listMessages(ctx, page, conversation);
        throw noRoute();
      }
      case 'message': {
        const page = await this.page(node.pageId);
        const message = await this.messaging.findMessage(node.id);
        if (!message || key !== 'GET ') throw noRoute();
        return this.messenger.getMessage(ctx, page, message);
      }
      case 'ig_user': {
        const { page, igUser } = await this.igAccount(node.id);
        switch (key) {
          case 'GET ': {
            const count = (await this.instagramStore.listMedia(igUser.id, { limit: 10_000 })).length;
            return this.instagram.getUser(ctx, page, igUser, count);
          }
          case 'GET media':
            return this.instagram.listMedia(ctx, page, igUser);
          case 'POST media':
            return this.instagram.createContainer(ctx, page, igUser);
          case 'POST media_publish':
            return this.instagram.publish(ctx, page, igUser);
          case 'GET content_publishing_limit':
            return this.instagram.publishingLimit(ctx, page, igUser);
          default:
            throw noRoute();
        }
      }
      case 'ig_container': {
        const container = await this.instagramStore.findContainer(node.id);
        if (!container || key !== 'GET ') throw noRoute();
        const { page } = await this.igAccount(container.ig_user_id);
        return this.instagram.getContainer(ctx, page, container);
      }
      case 'ig_media': {
        const media = await this.instagramStore.findMedia(node.id);
        if (!media) throw noRoute();
        const { page, igUser } = await this.igAccount(media.ig_user_id);
        if (key === 'GET ') return this.instagram.getMedia(ctx, page, igUser, media);
        if (key === 'GET comments') return this.comments.listInstagram(ctx, page, { media });
        if (key === 'POST comments') return this.comments.createInstagram(ctx, page, igUser, { media });
        throw noRoute();
      }
      case 'ig_comment': {
        const comment = await this.content.findComment(node.id);
        if (!comment) throw noRoute();
        const media = await this.instagramStore.findMedia(comment.object_id);
        if (!media) throw noRoute();
        const { page, igUser } = await this.igAccount(media.ig_user_id);
        if (key === 'GET ') return this.comments.getInstagram(ctx, page, comment);
        if (key === 'POST ') return this.comments.updateInstagram(ctx, page, comment);
        if (key === 'DELETE ') return this.comments.delete(ctx, page, comment);
        if (key === 'GET replies') return this.comments.listInstagram(ctx, page, { comment });
        if (key === 'POST replies') return this.comments.createInstagram(ctx, page, igUser, { comment });
        throw noRoute();
      }
    }
  }

  private async page(pageId: string | null): Promise<MetaPage> {
    const page = pageId ? await this.accounts.findPage(pageId) : undefined;
    if (!page) throw unsupportedRequest('GET', pageId ?? '');
    return page;
  }

  private async igAccount(igUserId: string): Promise<{ page: MetaPage; igUser: MetaIgUser }> {
    const igUser = await this.accounts.findIgUser(igUserId);
    const page = igUser ? await this.accounts.findPage(igUser.page_id) : undefined;
    if (!igUser || !page) throw unsupportedRequest('GET', igUserId);
    return { page, igUser };
  }
}

function nodeTypeName(kind: string): string {
  const names: Record<string, string> = {
    page: 'Page',
    user: 'User',
    post: 'Post',
    photo: 'Photo',
    comment: 'Comment',
    conversation: 'UnifiedThread',
    message: 'Message',
    ig_user: 'IGUser',
    ig_media: 'IGMedia',
    ig_comment: 'IGComment',
    ig_container: 'ShadowIGMediaBuilder',
    app: 'Application',
  };
  return names[kind] ?? kind;
}

function send(res: Response, result: GraphResult): void {
  res.status(200).json(result.body);
}
