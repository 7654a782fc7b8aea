import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { parseBody, sendDmSchema, jsonBodyOf } from './x-body';
import { XDmService } from './x-dm.service';
import { XExceptionFilter } from './x-exception.filter';
import { XGateService, XUserCaller } from './x-gate.service';
import { pathId } from './x-params';
import { dmConversationId, XPresenter } from './x-presenter';
import { invalidRequest, sendJson } from './x-problem';
import {
  DM_EVENT_EXPANSIONS,
  DM_EVENT_FIELDS,
  MEDIA_FIELDS,
  TWEET_FIELDS,
  USER_FIELDS,
  XQueryReader,
} from './x-query';
import { cutPage, windowFor } from './x-timeline-page';
import { XRepository } from './x.repository';
import { XAuthRepository } from './x-auth.repository';

const DM_READ_SCOPES = ['dm.read', 'tweet.read', 'users.read'];
const DM_WRITE_SCOPES = ['dm.read', 'dm.write', 'tweet.read', 'users.read'];

/** Direct messages: the user's DM events, one conversation's events, and sending to a participant. */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x/2')
export class XDmController {
  constructor(
    private readonly gate: XGateService,
    private readonly dms: XDmService,
    private readonly auth: XAuthRepository,
    private readonly repository: XRepository,
    private readonly presenter: XPresenter,
  ) {}

  @Get('dm_events')
  async events(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enterAsUser(req, res, 'GET /2/dm_events', DM_READ_SCOPES);
    if (!caller) return;
    await this.listEvents(req, res, caller);
  }

  @Get('dm_conversations/with/:participant_id/dm_events')
  async conversationEvents(
    @Req() req: Request,
    @Res() res: Response,
    @Param('participant_id') rawParticipant: string,
  ): Promise<void> {
    const caller = await this.gate.enterAsUser(
      req,
      res,
      'GET /2/dm_conversations/with/:participant_id/dm_events',
      DM_READ_SCOPES,
    );
    if (!caller) return;
    const participant = pathId('participant_id', rawParticipant);
    await this.listEvents(req, res, caller, dmConversationId(caller.userId, participant));
  }

  @Post('dm_conversations/with/:participant_id/messages')
  async send(
    @Req() req: Request,
    @Res() res: Response,
    @Param('participant_id') rawParticipant: string,
  ): Promise<void> {
    const caller = await this.gate.enterAsUser(
      req,
      res,
      'POST /2/dm_conversations/with/:participant_id/messages',
      DM_WRITE_SCOPES,
    );
    if (!caller) return;
    const participant = pathId('participant_id', rawParticipant);
    const body = parseBody(sendDmSchema, jsonBodyOf(req));
    if (body.text === undefined && !body.attachments) {
      throw invalidRequest([
        { parameter: '$', message: '$: at least one of text, attachments is required.' },
      ]);
    }
    const app = await this.auth.findApp(caller.clientId);
    const event = await this.dms.send(
      {
        senderId: caller.userId,
        recipientId: participant,
        text: body.text ?? '',
        mediaIds: (body.attachments ?? []).map((attachment) => attachment.media_id),
        appId: app ? String(app.app_id) : '0',
      },
      true,
    );
    if (this.gate.dropAfterCommit(req, res, caller)) return;
    sendJson(res, 201, {
      data: { dm_conversation_id: event.dm_conversation_id, dm_event_id: String(event.id) },
    });
  }

  private async listEvents(
    req: Request,
    res: Response,
    caller: XUserCaller,
    conversationId?: string,
  ): Promise<void> {
    const reader = new XQueryReader(req.query);
    const limit = reader.integer('max_results', 1, 100, 100);
    const cursor = reader.token('pagination_token');
    const eventTypes = reader.list('event_types', ['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave']);
    const fields = reader.list('dm_event.fields', DM_EVENT_FIELDS);
    const expansions = reader.list('expansions', DM_EVENT_EXPANSIONS);
    const userFields = reader.list('user.fields', USER_FIELDS);
    const mediaFields = reader.list('media.fields', MEDIA_FIELDS);
    reader.list('tweet.fields', TWEET_FIELDS);
    reader.done();
    // Only one-to-one MessageCreate events exist in the sandbox.
    const rows =
      eventTypes.size && !eventTypes.has('MessageCreate')
        ? []
        : await this.repository.dmEvents(caller.userId, windowFor(cursor, limit), conversationId);
    const page = cutPage(rows, limit, cursor, false);
    if (!page.items.length) {
      sendJson(res, 200, { meta: page.meta });
      return;
    }
    const data = page.items.map((row) => this.presenter.dmEvent(row, fields));
    const includes: Record<string, unknown> = {};
    if (expansions.has('sender_id') || expansions.has('participant_ids')) {
      const ids = new Set<string>();
      for (const row of page.items) {
        ids.add(String(row.sender_id));
        if (expansions.has('participant_ids')) ids.add(String(row.recipient_id));
      }
      const users = await this.repository.findUsers([...ids]);
      if (users.length) includes.users = await this.presenter.users(users, userFields);
    }
    if (expansions.has('attachments.media_keys')) {
      const media = await this.repository.findMediaByKeys(page.items.flatMap((row) => row.media_keys));
      if (media.length) includes.media = media.map((row) => this.presenter.media(row, mediaFields));
    }
    sendJson(res, 200, { data, ...(Object.keys(includes).length ? { includes } : {}), meta: page.meta });
  }
}
