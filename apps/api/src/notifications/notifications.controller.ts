import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyMember } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current.decorators';
import { Principal } from '../auth/principal';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { NotificationListView, NotificationView } from '../posts/post.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('Notifications')
@Controller('orgs/:orgId/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @AnyMember()
  @ApiOperation({
    summary: 'The caller’s notifications in this organisation, newest first (100), with the unread count',
  })
  @ApiOkResponse({ type: NotificationListView })
  list(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationListView> {
    return this.notifications.list(orgId, principal.userId);
  }

  @Post('read-all')
  @HttpCode(200)
  @AnyMember()
  @ApiOperation({ summary: 'Mark all of the caller’s notifications read' })
  @ApiOkResponse({ type: NotificationListView })
  readAll(
    @Param('orgId', ParseIdPipe) orgId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationListView> {
    return this.notifications.markAllRead(orgId, principal.userId);
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @AnyMember()
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiOkResponse({ type: NotificationView })
  @ApiNotFoundResponse({ description: 'The caller has no such notification here' })
  read(
    @Param('orgId', ParseIdPipe) orgId: string,
    @Param('notificationId', ParseIdPipe) notificationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationView> {
    return this.notifications.markRead(orgId, principal.userId, notificationId);
  }
}
