import { Body, Controller, Get, HttpCode, Post, Query, UsePipes } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CrowdService } from '../crowd/crowd.service';
import { SandboxNetworkRegistry } from '../network-registry';
import { badRequest, controlValidationPipe } from './control-validation';
import {
  ConfigureCrowdDto,
  CrowdBurstDto,
  CrowdItemsPageDto,
  CrowdItemsQueryDto,
  CrowdStatusDto,
} from './crowd.dto';

@ApiTags('crowd')
@Controller('_sandbox/crowd')
@UsePipes(controlValidationPipe())
export class CrowdController {
  constructor(
    private readonly crowd: CrowdService,
    private readonly registry: SandboxNetworkRegistry,
  ) {}

  @Get()
  @ApiOkResponse({ type: CrowdStatusDto })
  status(): Promise<CrowdStatusDto> {
    return this.crowd.status();
  }

  /** Sets the crowd up and starts it from the first item of the seed. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: CrowdStatusDto })
  configure(@Body() body: ConfigureCrowdDto): Promise<CrowdStatusDto> {
    const running = this.registry.names();
    const unknown = (body.networks ?? []).filter((n) => !running.includes(n));
    if (unknown.length) {
      throw badRequest(
        'networks',
        `${unknown.join(', ')} not running here: use some of ${running.join(', ')}`,
      );
    }
    return this.crowd.configure({
      seed: body.seed,
      ratePerMinute: body.ratePerMinute,
      networks: body.networks ?? null,
      accountIds: body.accountIds ?? null,
    });
  }

  @Post('burst')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CrowdStatusDto, description: 'Started (or finished, with wait: true).' })
  @ApiConflictResponse({ description: 'The crowd is not set up, has no account to talk to, or is bursting.' })
  burst(@Body() body: CrowdBurstDto): Promise<CrowdStatusDto> {
    return this.crowd.burst(body.count, body.wait ?? false);
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOkResponse({ type: CrowdStatusDto })
  pause(): Promise<CrowdStatusDto> {
    return this.crowd.pause();
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOkResponse({ type: CrowdStatusDto })
  resume(): Promise<CrowdStatusDto> {
    return this.crowd.resume();
  }

  /** What the crowd produced, oldest first. */
  @Get('items')
  @ApiOkResponse({ type: CrowdItemsPageDto })
  async items(@Query() query: CrowdItemsQueryDto): Promise<CrowdItemsPageDto> {
    const limit = query.limit ?? 100;
    const items = await this.crowd.findItems({ ...query, limit });
    return { items, nextAfterId: items.length === limit ? items[items.length - 1].id : null };
  }
}
