import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { XExceptionFilter } from './x-exception.filter';
import { XGateService } from './x-gate.service';
import { pathId } from './x-params';
import { XPresenter } from './x-presenter';
import { resourceNotFound, sendJson } from './x-problem';
import { readTweetRenderOptions, TWEET_FIELDS, USER_EXPANSIONS, USER_FIELDS, XQueryReader } from './x-query';
import { cutPage, sendTweetPage, windowFor } from './x-timeline-page';
import { TimelineWindow, XRepository } from './x.repository';

/** The authenticated user, a user's posts, and a user's mentions (api.x.com/2/users/...). */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x/2/users')
export class XUsersController {
  constructor(
    private readonly gate: XGateService,
    private readonly repository: XRepository,
    private readonly presenter: XPresenter,
  ) {}

  @Get('me')
  async me(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/users/me', ['tweet.read', 'users.read']);
    if (!caller) return;
    const reader = new XQueryReader(req.query);
    const userFields = reader.list('user.fields', USER_FIELDS);
    reader.list('expansions', USER_EXPANSIONS);
    reader.list('tweet.fields', TWEET_FIELDS);
    reader.list('post.fields', TWEET_FIELDS);
    reader.done();
    const user = await this.repository.findUser(caller.userId);
    if (!user) {
      sendJson(res, 200, { errors: [resourceNotFound('user', 'id', caller.userId)] });
      return;
    }
    sendJson(res, 200, { data: await this.presenter.user(user, userFields) });
  }

  @Get(':id/tweets')
  async tweets(@Req() req: Request, @Res() res: Response, @Param('id') rawId: string): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/users/:id/tweets', [
      'tweet.read',
      'users.read',
    ]);
    if (!caller) return;
    const id = pathId('id', rawId);
    const reader = new XQueryReader(req.query);
    const { window, cursor, limit } = readTimelineWindow(reader);
    const exclude = reader.list('exclude', ['replies', 'retweets']);
    const options = readTweetRenderOptions(reader);
    reader.done();
    if (!(await this.repository.findUser(id))) {
      sendJson(res, 200, { errors: [resourceNotFound('user', 'id', id)] });
      return;
    }
    const rows = await this.repository.userTimeline(id, window, exclude.has('replies'));
    await sendTweetPage(res, this.presenter, cutPage(rows, limit, cursor), options);
  }

  @Get(':id/mentions')
  async mentions(@Req() req: Request, @Res() res: Response, @Param('id') rawId: string): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/users/:id/mentions', [
      'tweet.read',
      'users.read',
    ]);
    if (!caller) return;
    const id = pathId('id', rawId);
    const reader = new XQueryReader(req.query);
    const { window, cursor, limit } = readTimelineWindow(reader);
    const options = readTweetRenderOptions(reader);
    reader.done();
    if (!(await this.repository.findUser(id))) {
      sendJson(res, 200, { errors: [resourceNotFound('user', 'id', id)] });
      return;
    }
    const rows = await this.repository.mentionsTimeline(id, window);
    await sendTweetPage(res, this.presenter, cutPage(rows, limit, cursor), options);
  }
}

/** since_id, until_id, start_time, end_time, max_results (5..100, default 10) and pagination_token. */
function readTimelineWindow(reader: XQueryReader) {
  const limit = reader.integer('max_results', 5, 100, 10);
  const cursor = reader.token('pagination_token');
  const sinceId = reader.id('since_id');
  const untilId = reader.id('until_id');
  const startTime = reader.time('start_time');
  const endTime = reader.time('end_time');
  if (sinceId && untilId && BigInt(sinceId) >= BigInt(untilId)) {
    reader.fail('since_id', sinceId, 'since_id must be less than until_id when both are given.');
  }
  if (startTime && endTime && startTime >= endTime) {
    reader.fail(
      'start_time',
      startTime.toISOString(),
      'start_time must be earlier than end_time when both are given.',
    );
  }
  const window: TimelineWindow = windowFor(cursor, limit, { sinceId, untilId, startTime, endTime });
  return { window, cursor, limit };
}
