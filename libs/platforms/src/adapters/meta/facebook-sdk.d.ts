// The SDK ships no types. These cover what our Meta adapters and the sandbox tests use, as the SDK source (src/*.js) defines it.
// The one declaration of the module in the repository: test/ references this file.
declare module 'facebook-nodejs-business-sdk' {
  type Params = Record<string, unknown>;

  export class FacebookAdsApi {
    constructor(accessToken: string, locale?: string, crashLog?: boolean);
    accessToken: string;
    static readonly VERSION: string;
    static readonly GRAPH: string;
    call(
      method: string,
      path: string | string[],
      params?: Params,
      files?: Params,
      useMultipartFormData?: boolean,
      urlOverride?: string,
    ): Promise<unknown>;
  }

  /** The SDK's list pages: an Array of objects with paging state. */
  export interface Cursor<T> extends Array<T> {
    paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
    summary?: Record<string, unknown>;
    hasNext(): boolean;
    next(): Promise<Cursor<T>>;
    hasPrevious(): boolean;
    previous(): Promise<Cursor<T>>;
  }

  export class AbstractCrudObject {
    constructor(id?: string | null, data?: Params, parentId?: string, api?: FacebookAdsApi);
    id: string;
    _data: Params;
    exportData(): Params;
    get(fields: string[], params?: Params): Promise<this>;
    update(fields: string[], params?: Params): Promise<Params>;
    delete(fields: string[], params?: Params): Promise<Params>;
  }

  export class Page extends AbstractCrudObject {
    createFeed(fields: string[], params?: Params): Promise<Page>;
    createPhoto(fields: string[], params?: Params): Promise<Photo>;
    createMessage(fields: string[], params?: Params): Promise<Page>;
    createSubscribedApp(fields: string[], params?: Params): Promise<Page>;
    getFeed(fields: string[], params?: Params): Promise<Cursor<PagePost>>;
    getScheduledPosts(fields: string[], params?: Params): Promise<Cursor<PagePost>>;
    getConversations(fields: string[], params?: Params): Promise<Cursor<UnifiedThread>>;
  }
  export class PagePost extends AbstractCrudObject {
    getComments(fields: string[], params?: Params): Promise<Cursor<Comment>>;
    createComment(fields: string[], params?: Params): Promise<Comment>;
  }
  export class Photo extends AbstractCrudObject {}
  export class Comment extends AbstractCrudObject {
    getComments(fields: string[], params?: Params): Promise<Cursor<Comment>>;
    createComment(fields: string[], params?: Params): Promise<Comment>;
  }
  export class UnifiedThread extends AbstractCrudObject {
    getMessages(fields: string[], params?: Params): Promise<Cursor<AbstractCrudObject>>;
  }
  export class User extends AbstractCrudObject {
    getAccounts(fields: string[], params?: Params): Promise<Cursor<Page>>;
  }
  export class Application extends AbstractCrudObject {
    createSubscription(fields: string[], params?: Params): Promise<AbstractCrudObject>;
    getSubscriptions(fields: string[], params?: Params): Promise<Cursor<AbstractCrudObject>>;
  }
  export class IGUser extends AbstractCrudObject {
    createMedia(fields: string[], params?: Params): Promise<IGMedia>;
    createMediaPublish(fields: string[], params?: Params): Promise<IGMedia>;
    getMedia(fields: string[], params?: Params): Promise<Cursor<IGMedia>>;
  }
  export class IGMedia extends AbstractCrudObject {
    getComments(fields: string[], params?: Params): Promise<Cursor<IGComment>>;
    createComment(fields: string[], params?: Params): Promise<IGComment>;
  }
  export class IGComment extends AbstractCrudObject {
    getReplies(fields: string[], params?: Params): Promise<Cursor<IGComment>>;
    createReply(fields: string[], params?: Params): Promise<IGComment>;
  }
  export class ShadowIGMediaBuilder extends AbstractCrudObject {}
}
