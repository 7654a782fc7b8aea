import { Controller, Delete, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { jsonBodyOf } from './x-body';
import { XExceptionFilter } from './x-exception.filter';
import { XGateService } from './x-gate.service';
import { isSnowflake } from './x-ids';
import { pathId } from './x-params';
import { XPresenter } from './x-presenter';
import { resourceNotFound, sendJson } from './x-problem';
import { readTweetRenderOptions, XQueryReader } from './x-query';
import { parseSearchQuery } from './x-search-query';
import { cutPage, sendTweetPage, windowFor } from './x-timeline-page';
import { XTweetsService } from './x-tweets.service';
import { XRepository } from './x.repository';

const SEARCH_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Posts: create, delete, look up, and recent search (api.x.com/2/tweets...). */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x/2/tweets')
export class XTweetsController {
  constructor(
    private readonly gate: XGateService,
    private readonly tweets: XTweetsService,
    private readonly repository: XRepository,
    private readonly presenter: XPresenter,
  ) {}

  @Post()
  async create(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'POST /2/tweets', [
      'tweet.read',
      'tweet.write',
      'users.read',
    ]);
    if (!caller) return;
    const body = this.tweets.parseCreate(jsonBodyOf(req));
    const tweet = await this.tweets.create(caller.userId, body);
    this.gate.countDailyTweet(res, caller);
    if (this.gate.dropAfterCommit(req, res, caller)) return;
    const id = String(tweet.id);
    sendJson(res, 201, {
      data: { id, text: tweet.text, edit_history_tweet_ids: [id], edit_history_post_ids: [id] },
    });
  }

  @Delete(':id')
  async remove(@Req() req: Request, @Res() res: Response, @Param('id') rawId: string): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'DELETE /2/tweets/:id', [
      'tweet.read',
      'tweet.write',
      'users.read',
    ]);
    if (!caller) return;
    await this.tweets.delete(caller.userId, pathId('id', rawId));
    sendJson(res, 200, { data: { deleted: true } });
  }

  @Get('search/recent')
  async searchRecent(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/tweets/search/recent', [
      'tweet.read',
      'users.read',
    ]);
    if (!caller) return;
    const reader = new XQueryReader(req.query);
    const query = reader.string('query', { required: true, maxLength: 4096 });
    const limit = reader.integer('max_results', 10, 100, 10);
    const cursor = reader.token('next_token') ?? reader.token('pagination_token');
    const sinceId = reader.id('since_id');
    const untilId = reader.id('until_id');
    const startTime = reader.time('start_time');
    const endTime = reader.time('end_time');
    const sortOrder = reader.string('sort_order');
    if (sortOrder && sortOrder !== 'recency' && sortOrder !== 'relevancy') {
      reader.fail(
        'sort_order',
        sortOrder,
        'The `sort_order` query parameter value must be recency or relevancy',
      );
    }
    const earliest = new Date(Date.now() - SEARCH_WINDOW_MS);
    if (startTime && startTime < earliest) {
      reader.fail(
        'start_time',
        startTime.toISOString(),
        `Invalid 'start_time':'${startTime.toISOString()}'. 'start_time' must be on or after ${earliest.toISOString()}`,
      );
    }
    const options = readTweetRenderOptions(reader);
    reader.done();
    const search = parseSearchQuery(query as string, 1);
    const rows = await this.repository.search(
      [search.predicate],
      search.params,
      windowFor(cursor, limit, { sinceId, untilId, startTime: startTime ?? earliest, endTime }),
    );
    const page = cutPage(rows, limit, cursor);
    await sendTweetPage(res, this.presenter, page, options);
  }

  @Get(':id')
  async lookupOne(@Req() req: Request, @Res() res: Response, @Param('id') rawId: string): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/tweets/:id', ['tweet.read', 'users.read']);
    if (!caller) return;
    const id = pathId('id', rawId);
    const reader = new XQueryReader(req.query);
    const options = readTweetRenderOptions(reader);
    reader.done();
    const [row] = await this.repository.findTweets([id]);
    if (!row) {
      sendJson(res, 200, { errors: [resourceNotFound('tweet', 'id', id)] });
      return;
    }
    const rendered = await this.presenter.tweets([row], options);
    sendJson(res, 200, { data: rendered.data[0], ...rest(rendered) });
  }

  @Get()
  async lookupMany(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/tweets', ['tweet.read', 'users.read']);
    if (!caller) return;
    const reader = new XQueryReader(req.query);
    const raw = reader.string('ids', { required: true });
    const ids = raw ? raw.split(',').map((id) => id.trim()) : [];
    if (raw && (ids.length > 100 || ids.some((id) => !isSnowflake(id)))) {
      reader.fail(
        'ids',
        raw,
        'The `ids` query parameter must be 1 to 100 comma-separated post ids (^[0-9]{1,19}$).',
      );
    }
    const options = readTweetRenderOptions(reader);
    reader.done();
    const rows = await this.repository.findTweets(ids);
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const missing = [...new Set(ids.filter((id) => !byId.has(id)))].map((id) =>
      resourceNotFound('tweet', 'ids', id),
    );
    const rendered = await this.presenter.tweets(ordered, options);
    const errors = [...missing, ...(rendered.errors ?? [])];
    sendJson(res, 200, {
      ...(ordered.length ? { data: rendered.data } : {}),
      ...(rendered.includes ? { includes: rendered.includes } : {}),
      ...(errors.length ? { errors } : {}),
    });
  }
}

function rest(rendered: { includes?: unknown; errors?: unknown[] }): Record<string, unknown> {
  return {
    ...(rendered.includes ? { includes: rendered.includes } : {}),
    ...(rendered.errors?.length ? { errors: rendered.errors } : {}),
  };
}
