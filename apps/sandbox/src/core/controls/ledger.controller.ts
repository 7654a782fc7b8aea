import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LedgerService } from '../ledger.service';
import { controlValidationPipe } from './control-validation';
import { LedgerPageDto, LedgerQueryDto } from './ledger.dto';

@ApiTags('ledger')
@Controller('_sandbox/ledger')
@UsePipes(controlValidationPipe())
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /** Everything clients created, oldest first: the proof that nothing was published twice or went missing. */
  @Get()
  @ApiOkResponse({ type: LedgerPageDto })
  async find(@Query() query: LedgerQueryDto): Promise<LedgerPageDto> {
    const limit = query.limit ?? 100;
    const items = await this.ledger.find({ ...query, limit });
    return { items, nextAfterId: items.length === limit ? items[items.length - 1].id : null };
  }
}
