import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SandboxNetworkRegistry } from '../network-registry';
import { SandboxDb } from '../sandbox-db';

export class SandboxHealthDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ example: ['bluesky', 'facebook', 'instagram', 'mastodon', 'x'] }) networks: string[];
}

@ApiTags('health')
@Controller('_sandbox')
export class SandboxHealthController {
  constructor(
    private readonly registry: SandboxNetworkRegistry,
    private readonly db: SandboxDb,
  ) {}

  /** Up, with its database reachable, and which networks are running. */
  @Get('health')
  @ApiOkResponse({ type: SandboxHealthDto })
  async health(): Promise<SandboxHealthDto> {
    await this.db.query('SELECT 1');
    return { status: 'ok', networks: this.registry.names() };
  }
}
