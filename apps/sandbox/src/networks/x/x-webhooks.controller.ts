import { Controller, Delete, Get, Param, Post, Put, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createWebhookSchema, parseBody, jsonBodyOf } from './x-body';
import { XExceptionFilter } from './x-exception.filter';
import { XGateService } from './x-gate.service';
import { pathId } from './x-params';
import { sendJson } from './x-problem';
import { XQueryReader } from './x-query';
import { XWebhooksService } from './x-webhooks.service';

const SUBSCRIBE_SCOPES = ['tweet.read', 'users.read', 'dm.read', 'dm.write'];

/** Webhook registration (app-only auth) and Account Activity subscriptions. */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x/2')
export class XWebhooksController {
  constructor(
    private readonly gate: XGateService,
    private readonly webhooks: XWebhooksService,
  ) {}

  @Post('webhooks')
  async create(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enter(req, res, 'POST /2/webhooks', { context: 'app' });
    if (!caller) return;
    const body = parseBody(createWebhookSchema, jsonBodyOf(req));
    const webhook = await this.webhooks.register(caller.clientId, body.url);
    sendJson(res, 200, {
      data: {
        id: String(webhook.id),
        url: webhook.url,
        valid: webhook.valid,
        created_at: webhook.created_at.toISOString(),
      },
    });
  }

  @Get('webhooks')
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.enter(req, res, 'GET /2/webhooks', { context: 'app' });
    if (!caller) return;
    const reader = new XQueryReader(req.query);
    reader.list('webhook_config.fields', ['created_at', 'id', 'url', 'valid']);
    reader.done();
    const webhooks = await this.webhooks.list(caller.clientId);
    const data = webhooks.map((webhook) => ({
      id: String(webhook.id),
      url: webhook.url,
      valid: webhook.valid,
      created_at: webhook.created_at.toISOString(),
    }));
    sendJson(res, 200, { ...(data.length ? { data } : {}), meta: { result_count: data.length } });
  }

  @Put('webhooks/:webhook_id')
  async revalidate(
    @Req() req: Request,
    @Res() res: Response,
    @Param('webhook_id') rawId: string,
  ): Promise<void> {
    const caller = await this.gate.enter(req, res, 'PUT /2/webhooks/:webhook_id', { context: 'app' });
    if (!caller) return;
    const valid = await this.webhooks.revalidate(caller.clientId, pathId('webhook_id', rawId));
    sendJson(res, 200, { data: { valid } });
  }

  @Delete('webhooks/:webhook_id')
  async remove(@Req() req: Request, @Res() res: Response, @Param('webhook_id') rawId: string): Promise<void> {
    const caller = await this.gate.enter(req, res, 'DELETE /2/webhooks/:webhook_id', { context: 'app' });
    if (!caller) return;
    await this.webhooks.remove(caller.clientId, pathId('webhook_id', rawId));
    sendJson(res, 200, { data: { deleted: true } });
  }

  /** The user whose token this is subscribes the app's webhook to their account activity. */
  @Post('account_activity/webhooks/:webhook_id/subscriptions/all')
  async subscribe(
    @Req() req: Request,
    @Res() res: Response,
    @Param('webhook_id') rawId: string,
  ): Promise<void> {
    const caller = await this.gate.enterAsUser(
      req,
      res,
      'POST /2/account_activity/webhooks/:webhook_id/subscriptions/all',
      SUBSCRIBE_SCOPES,
    );
    if (!caller) return;
    await this.webhooks.subscribe(caller.clientId, pathId('webhook_id', rawId), caller.userId);
    sendJson(res, 200, { data: { subscribed: true } });
  }

  @Get('account_activity/webhooks/:webhook_id/subscriptions/all')
  async isSubscribed(
    @Req() req: Request,
    @Res() res: Response,
    @Param('webhook_id') rawId: string,
  ): Promise<void> {
    const caller = await this.gate.enterAsUser(
      req,
      res,
      'GET /2/account_activity/webhooks/:webhook_id/subscriptions/all',
      SUBSCRIBE_SCOPES,
    );
    if (!caller) return;
    const subscribed = await this.webhooks.isSubscribed(
      caller.clientId,
      pathId('webhook_id', rawId),
      caller.userId,
    );
    sendJson(res, 200, { data: { subscribed } });
  }

  @Get('account_activity/webhooks/:webhook_id/subscriptions/all/list')
  async subscriptions(
    @Req() req: Request,
    @Res() res: Response,
    @Param('webhook_id') rawId: string,
  ): Promise<void> {
    const caller = await this.gate.enter(
      req,
      res,
      'GET /2/account_activity/webhooks/:webhook_id/subscriptions/all/list',
      { context: 'app' },
    );
    if (!caller) return;
    const { webhook, app, userIds } = await this.webhooks.subscriptions(
      caller.clientId,
      pathId('webhook_id', rawId),
    );
    sendJson(res, 200, {
      data: {
        application_id: String(app.app_id),
        webhook_id: String(webhook.id),
        webhook_url: webhook.url,
        subscriptions: userIds.map((userId) => ({ user_id: String(userId) })),
      },
    });
  }

  @Delete('account_activity/webhooks/:webhook_id/subscriptions/:user_id/all')
  async unsubscribe(
    @Req() req: Request,
    @Res() res: Response,
    @Param('webhook_id') rawId: string,
    @Param('user_id') rawUser: string,
  ): Promise<void> {
    const caller = await this.gate.enter(
      req,
      res,
      'DELETE /2/account_activity/webhooks/:webhook_id/subscriptions/:user_id/all',
      { context: 'app' },
    );
    if (!caller) return;
    await this.webhooks.unsubscribe(caller.clientId, pathId('webhook_id', rawId), pathId('user_id', rawUser));
    sendJson(res, 200, { data: { subscribed: false } });
  }
}
