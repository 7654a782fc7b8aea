import { Body, Controller, Delete, Get, HttpCode, Put, Query, UsePipes } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RateLimiter, RateLimitRuleEntry } from '../rate-limiter';
import { controlValidationPipe } from './control-validation';
import { RateLimitRuleDto, ResetRateLimitsQueryDto, SetRateLimitDto } from './rate-limits.dto';

@ApiTags('rate limits')
@Controller('_sandbox/rate-limits')
@UsePipes(controlValidationPipe())
export class RateLimitsController {
  constructor(private readonly limiter: RateLimiter) {}

  @Get()
  @ApiOkResponse({ type: [RateLimitRuleDto] })
  list(): { items: RateLimitRuleEntry[] } {
    return { items: this.limiter.rules() };
  }

  /** Overrides one endpoint's limit (for example 2 posts per 60 s, to test 429 handling). */
  @Put()
  @ApiOkResponse({ type: RateLimitRuleDto })
  set(@Body() body: SetRateLimitDto): RateLimitRuleEntry {
    this.limiter.override(body.network, body.endpoint, {
      limit: body.limit,
      windowSeconds: body.windowSeconds,
    });
    return { ...body, source: 'override' };
  }

  /** Removes overrides and restarts every window (of one network, or all). */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  reset(@Query() query: ResetRateLimitsQueryDto): void {
    this.limiter.reset(query.network);
  }
}
