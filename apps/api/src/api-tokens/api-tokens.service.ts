import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { NotFoundError, randomToken, sha256Hex } from '@outside-in/common';
import { ApiToken, AuditActor, AuditService } from '@outside-in/database';
import { ApiTokenListView, ApiTokenView, CreateApiTokenDto, CreatedApiTokenView } from './api-token.dto';

/** Personal tokens: each acts as its owner, in one organisation, with the owner's current role there. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string, userId: string): Promise<ApiTokenListView> {
    const tokens = await this.dataSource.getRepository(ApiToken).find({
      where: { organisationId, userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return { items: tokens.map((t) => this.view(t)) };
  }

  async create(
    organisationId: string,
    input: CreateApiTokenDto,
    actor: AuditActor & { userId: string },
    ip: string | null,
  ): Promise<CreatedApiTokenView> {
    const token = `oi_${randomToken()}`;
    const saved = await this.dataSource.transaction(async (manager) => {
      const apiToken = await manager.getRepository(ApiToken).save({
        organisationId,
        userId: actor.userId,
        name: input.name,
        tokenPrefix: token.slice(0, 9),
        tokenHash: sha256Hex(token),
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'api_token.created',
        subjectType: 'api_token',
        subjectId: apiToken.id,
        summary: {
          after: {
            name: apiToken.name,
            prefix: apiToken.tokenPrefix,
            expiresAt: apiToken.expiresAt?.toISOString() ?? null,
          },
        },
        ip,
      });
      return apiToken;
    });
    return { token, apiToken: this.view(saved) };
  }

  async revoke(
    organisationId: string,
    tokenId: string,
    actor: AuditActor & { userId: string },
    ip: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(ApiToken)
        .update(
          { id: tokenId, organisationId, userId: actor.userId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
      if (!result.affected)
        throw new NotFoundError('You have no active API token with that id in this organisation.');
      const token = await manager.getRepository(ApiToken).findOneByOrFail({ id: tokenId });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'api_token.revoked',
        subjectType: 'api_token',
        subjectId: tokenId,
        summary: { before: { name: token.name, prefix: token.tokenPrefix } },
        ip,
      });
    });
  }

  private view(t: ApiToken): ApiTokenView {
    return {
      id: t.id,
      name: t.name,
      prefix: t.tokenPrefix,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
    };
  }
}
