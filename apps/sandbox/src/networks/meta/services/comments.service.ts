import { Injectable } from '@nestjs/common';
import { LedgerService } from '../../../core/ledger.service';
import { SandboxDb } from '../../../core/sandbox-db';
import { assertActsAsPage, assertCanRead, assertCanUseInstagram } from '../graph/graph-access';
import { GraphContext, GraphResult } from '../graph/graph-context';
import { invalidParameter } from '../graph/graph-error';
import { selectFields } from '../graph/graph-fields';
import { graphList } from '../graph/graph-list';
import { readPageRequest } from '../graph/graph-paging';
import { feedCommentEntry, igCommentEntry } from '../graph/webhook-entries';
import { presentComment, presentIgComment } from '../graph/meta-presenters';
import { metaIds } from '../meta-ids';
import { MetaIgUser, MetaPage } from '../store/meta-accounts.repository';
import { MetaComment, MetaContentRepository, MetaPost } from '../store/meta-content.repository';
import { IgMedia } from '../store/meta-instagram.repository';
import { MetaWebhooksService } from './meta-webhooks.service';

const COMMENT_DEFAULT_FIELDS = ['created_time', 'from', 'message', 'id'];
const IG_COMMENT_DEFAULT_FIELDS = ['timestamp', 'text', 'id'];
const MAX_COMMENT_LENGTH = 8_000;
const MAX_IG_COMMENT_LENGTH = 2_200;

/** Who writes a comment: the page itself, or a person (a crowd citizen). */
export interface CommentAuthor {
  id: string;
  name: string;
  username?: string;
}

/** Facebook comments on page posts and Instagram comments on media, with replies, hiding and deleting. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly db: SandboxDb,
    private readonly content: MetaContentRepository,
    private readonly ledger: LedgerService,
    private readonly webhooks: MetaWebhooksService,
  ) {}

  /** GET /{post-id}/comments and GET /{comment-id}/comments (replies). */
  async listFacebook(
    ctx: GraphContext,
    page: MetaPage,
    target: { post: MetaPost } | { comment: MetaComment },
  ): Promise<GraphResult> {
    const id = 'post' in target ? target.post.id : target.comment.id;
    assertCanRead(ctx.caller, page, 'GET', id);
    const filter = ctx.params.string('filter') ?? 'toplevel';
    if (filter !== 'toplevel' && filter !== 'stream')
      throw invalidParameter('Param filter must be one of {toplevel, stream}');
    const order = ctx.params.string('order') ?? 'chronological';
    if (order !== 'chronological' && order !== 'reverse_chronological') {
      throw invalidParameter('Param order must be one of {chronological, reverse_chronological}');
    }
    const scope =
      'post' in target
        ? { objectId: target.post.id, topLevelOnly: filter === 'toplevel' }
        : { parentId: target.comment.id };
    const request = readPageRequest(ctx.req);
    const rows = await this.content.listComments(scope, order, request);
    const parents = await this.parentsOf(rows);
    const body: Record<string, unknown> = graphList(ctx.req, rows, request, (row) =>
      selectFields(
        'Comment',
        presentComment(row, page, parents.get(row.parent_id ?? '')),
        ctx.fields,
        COMMENT_DEFAULT_FIELDS,
      ),
    );
    if (ctx.params.boolean('summary', false)) {
      body.summary = {
        order: order === 'chronological' ? 'chronological' : 'reverse_chronological',
        total_count: await this.content.countComments(scope),
        can_comment: true,
      };
    }
    return { body };
  }

  /** POST /{post-id}/comments (a comment as the page) and POST /{comment-id}/comments (a reply). */
  async createFacebook(
    ctx: GraphContext,
    page: MetaPage,
    target: { post: MetaPost } | { comment: MetaComment },
  ): Promise<GraphResult> {
    const id = 'post' in target ? target.post.id : target.comment.id;
    assertActsAsPage(ctx.caller, page, 'POST', id);
    const message = this.message(ctx, MAX_COMMENT_LENGTH);
    const comment = await this.addFacebookComment(
      page,
      target,
      { id: page.id, name: page.name },
      message,
      true,
    );
    return { body: { id: comment.id }, created: true };
  }

  /**
   * Stores a Facebook comment and fires the feed webhook. Replies to replies go under the top-level comment,
   * as Facebook threads are one level deep. `record` puts the page's own comments in the ledger.
   */
  async addFacebookComment(
    page: MetaPage,
    target: { post: MetaPost } | { comment: MetaComment },
    author: CommentAuthor,
    message: string,
    record: boolean,
    createdAt?: Date,
  ): Promise<MetaComment> {
    const parent = 'comment' in target ? await this.topLevel(target.comment) : undefined;
    const postId = 'post' in target ? target.post.id : target.comment.object_id;
    const comment = await this.db.transaction(async (tx) => {
      const row = await this.content.insertComment(
        {
          id: metaIds.comment(postId),
          network: 'facebook',
          object_id: postId,
          parent_id: parent?.id ?? null,
          page_id: page.id,
          author_id: author.id,
          author_name: author.name,
          author_username: null,
          message,
          created_at: createdAt,
        },
        tx,
      );
      if (record) {
        await this.ledger.record(
          {
            network: 'facebook',
            accountId: page.id,
            kind: parent ? 'reply' : 'comment',
            objectId: row.id,
            content: message,
            parentId: parent?.id ?? postId,
          },
          tx,
        );
      }
      return row;
    });
    this.webhooks.emit(page.id, 'page', 'feed', feedCommentEntry(page.id, comment, author));
    return comment;
  }

  /**
   * The person who wrote a Facebook comment edits it (`message`) or deletes it (null), as they would in
   * Facebook's own app: the page's `feed` webhook says so with `verb: edited` or `verb: remove`.
   */
  async changeByAuthor(page: MetaPage, comment: MetaComment, message: string | null): Promise<void> {
    const author = { id: comment.author_id, name: comment.author_name };
    if (message === null) {
      await this.content.deleteComment(comment.id);
      this.webhooks.emit(page.id, 'page', 'feed', feedCommentEntry(page.id, comment, author, 'remove'));
      return;
    }
    await this.content.updateCommentMessage(comment.id, message);
    this.webhooks.emit(
      page.id,
      'page',
      'feed',
      feedCommentEntry(page.id, { ...comment, message }, author, 'edited'),
    );
  }

  async getFacebook(ctx: GraphContext, page: MetaPage, comment: MetaComment): Promise<GraphResult> {
    assertCanRead(ctx.caller, page, 'GET', comment.id);
    const parent = comment.parent_id ? await this.content.findComment(comment.parent_id) : undefined;
    return {
      body: selectFields(
        'Comment',
        presentComment(comment, page, parent),
        ctx.fields,
        COMMENT_DEFAULT_FIELDS,
      ),
    };
  }

  /** POST /{comment-id} with is_hidden (or message, to edit the page's own comment). */
  async updateFacebook(ctx: GraphContext, page: MetaPage, comment: MetaComment): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'POST', comment.id);
    if (ctx.params.has('is_hidden')) {
      const hidden = ctx.params.boolean('is_hidden', false);
      if (comment.author_id === page.id) {
        throw invalidParameter('A Page cannot hide its own comments: delete the comment instead');
      }
      await this.content.setCommentHidden(comment.id, hidden);
      return { body: { success: true } };
    }
    if (ctx.params.has('message')) {
      if (comment.author_id !== page.id) throw invalidParameter("Only the Page's own comments can be edited");
      await this.content.updateCommentMessage(comment.id, this.message(ctx, MAX_COMMENT_LENGTH));
      return { body: { success: true } };
    }
    throw invalidParameter('Send is_hidden=true|false to hide or unhide the comment, or message to edit it');
  }

  async delete(ctx: GraphContext, page: MetaPage, comment: MetaComment): Promise<GraphResult> {
    if (comment.network === 'instagram') assertCanUseInstagram(ctx.caller, page, 'DELETE', comment.id);
    else assertActsAsPage(ctx.caller, page, 'DELETE', comment.id);
    await this.content.deleteComment(comment.id);
    return { body: { success: true } };
  }

  /** GET /{ig-media-id}/comments and GET /{ig-comment-id}/replies. */
  async listInstagram(
    ctx: GraphContext,
    page: MetaPage,
    target: { media: IgMedia } | { comment: MetaComment },
  ): Promise<GraphResult> {
    const id = 'media' in target ? target.media.id : target.comment.id;
    assertCanUseInstagram(ctx.caller, page, 'GET', id);
    const scope =
      'media' in target ? { objectId: target.media.id, topLevelOnly: true } : { parentId: target.comment.id };
    const request = readPageRequest(ctx.req);
    // Instagram lists comments newest first.
    const rows = await this.content.listComments(scope, 'reverse_chronological', request);
    const parents = await this.parentsOf(rows);
    return {
      body: graphList(ctx.req, rows, request, (row) =>
        selectFields(
          'IGComment',
          presentIgComment(row, parents.get(row.parent_id ?? '')),
          ctx.fields,
          IG_COMMENT_DEFAULT_FIELDS,
        ),
      ),
    };
  }

  /** POST /{ig-media-id}/comments and POST /{ig-comment-id}/replies, as the Instagram account. */
  async createInstagram(
    ctx: GraphContext,
    page: MetaPage,
    igUser: MetaIgUser,
    target: { media: IgMedia } | { comment: MetaComment },
  ): Promise<GraphResult> {
    const id = 'media' in target ? target.media.id : target.comment.id;
    assertCanUseInstagram(ctx.caller, page, 'POST', id);
    const message = this.message(ctx, MAX_IG_COMMENT_LENGTH);
    const comment = await this.addInstagramComment(
      page,
      igUser,
      target,
      { id: igUser.id, name: igUser.name, username: igUser.username },
      message,
      true,
    );
    return { body: { id: comment.id }, created: true };
  }

  async addInstagramComment(
    page: MetaPage,
    igUser: MetaIgUser,
    target: { media: IgMedia } | { comment: MetaComment },
    author: CommentAuthor,
    message: string,
    record: boolean,
  ): Promise<MetaComment> {
    const parent = 'comment' in target ? await this.topLevel(target.comment) : undefined;
    const mediaId = 'media' in target ? target.media.id : target.comment.object_id;
    const comment = await this.db.transaction(async (tx) => {
      const row = await this.content.insertComment(
        {
          id: metaIds.instagram('comment'),
          network: 'instagram',
          object_id: mediaId,
          parent_id: parent?.id ?? null,
          page_id: page.id,
          author_id: author.id,
          author_name: author.name,
          author_username: author.username ?? null,
          message,
        },
        tx,
      );
      if (record) {
        await this.ledger.record(
          {
            network: 'instagram',
            accountId: igUser.id,
            kind: parent ? 'reply' : 'comment',
            objectId: row.id,
            content: message,
            parentId: parent?.id ?? mediaId,
          },
          tx,
        );
      }
      return row;
    });
    this.webhooks.emit(
      page.id,
      'instagram',
      'comments',
      igCommentEntry(igUser.id, comment, { id: author.id, username: author.username ?? author.name }),
    );
    return comment;
  }

  async getInstagram(ctx: GraphContext, page: MetaPage, comment: MetaComment): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'GET', comment.id);
    const parent = comment.parent_id ? await this.content.findComment(comment.parent_id) : undefined;
    return {
      body: selectFields(
        'IGComment',
        presentIgComment(comment, parent),
        ctx.fields,
        IG_COMMENT_DEFAULT_FIELDS,
      ),
    };
  }

  /** POST /{ig-comment-id} with hide=true|false. */
  async updateInstagram(ctx: GraphContext, page: MetaPage, comment: MetaComment): Promise<GraphResult> {
    assertCanUseInstagram(ctx.caller, page, 'POST', comment.id);
    if (!ctx.params.has('hide')) throw invalidParameter('The parameter hide is required (true or false)');
    await this.content.setCommentHidden(comment.id, ctx.params.boolean('hide', false));
    return { body: { success: true } };
  }

  private message(ctx: GraphContext, max: number): string {
    const message = ctx.params.string('message');
    if (!message || !message.trim()) throw invalidParameter('Missing message or attachment: send `message`');
    if (message.length > max) throw invalidParameter(`Param message must be at most ${max} characters long`);
    return message;
  }

  private async topLevel(comment: MetaComment): Promise<MetaComment> {
    if (!comment.parent_id) return comment;
    return (await this.content.findComment(comment.parent_id)) ?? comment;
  }

  private async parentsOf(rows: MetaComment[]): Promise<Map<string, MetaComment>> {
    const map = new Map<string, MetaComment>();
    for (const row of rows) {
      if (row.parent_id && !map.has(row.parent_id)) {
        const parent = await this.content.findComment(row.parent_id);
        if (parent) map.set(parent.id, parent);
      }
    }
    return map;
  }
}
