import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { InboxModule } from '@outside-in/inbox';
import { webhookRawBody } from './webhook-raw-body';
import { WebhooksController } from './webhooks.controller';

/** The networks' webhook endpoints, with the raw-body parser only they use. */
@Module({
  imports: [InboxModule],
  controllers: [WebhooksController],
})
export class WebhooksModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(webhookRawBody()).forRoutes(WebhooksController);
  }
}
