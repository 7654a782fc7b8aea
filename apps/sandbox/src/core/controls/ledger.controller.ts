import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LedgerDuplicate, LedgerService } from '../ledger.service';
import { controlValidationPipe } from './control-validation';
import { LedgerDuplicatesDto, LedgerDuplicatesQueryDto, LedgerPageDto, LedgerQueryDto } from './ledger.dto';

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

  /** Creates that repeat within an account (same content, or same idempotency key): empty when nothing was posted twice. */
  @Get('duplicates')
  @ApiOkResponse({ type: LedgerDuplicatesDto })
  async duplicates(@Query() query: LedgerDuplicatesQueryDto): Promise<{ items: LedgerDuplicate[] }> {
    return { items: await this.ledger.duplicates(query) };
  }
}
