import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UsePipes,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FaultService } from '../fault.service';
import { SandboxNetworkRegistry } from '../network-registry';
import { Fault, FaultAction } from '../fault.types';
import { badRequest, controlValidationPipe } from './control-validation';
import { ClearFaultsQueryDto, CreateFaultDto, FaultActionDto, FaultDto, FaultListDto } from './faults.dto';

@ApiTags('faults')
@Controller('_sandbox/faults')
@UsePipes(controlValidationPipe())
export class FaultsController {
  constructor(
    private readonly faults: FaultService,
    private readonly registry: SandboxNetworkRegistry,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: FaultDto })
  create(@Body() body: CreateFaultDto): Fault {
    const networks = [...this.registry.names(), 'meta'];
    if (!networks.includes(body.network)) {
      throw badRequest('network', `"${body.network}" is not running here: use one of ${networks.join(', ')}`);
    }
    if (body.count !== undefined && body.probability !== undefined) {
      throw badRequest('count', 'give count or probability, not both');
    }
    if (body.route !== undefined) {
      try {
        new RegExp(body.route);
      } catch (error) {
        throw badRequest('route', `not a valid regular expression (${(error as Error).message})`);
      }
    }
    return this.faults.add({
      network: body.network,
      route: body.route,
      accountId: body.accountId,
      count: body.count,
      probability: body.probability,
      seed: body.seed,
      action: toAction(body.action),
    });
  }

  @Get()
  @ApiOkResponse({ type: FaultListDto })
  list(): { items: Fault[] } {
    return { items: this.faults.list() };
  }

  @Delete()
  @HttpCode(200)
  @ApiOkResponse({ description: 'How many faults were removed.' })
  clear(@Query() query: ClearFaultsQueryDto): { removed: number } {
    return { removed: this.faults.clear(query.network) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id') id: string): void {
    if (!this.faults.remove(id)) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `No fault has id ${id}: list them with GET /_sandbox/faults.`,
      });
    }
  }
}

function toAction(action: FaultActionDto): FaultAction {
  switch (action.kind) {
    case 'status':
      if (action.status === undefined) {
        throw badRequest('action.status', `required when kind is status: one of 401, 429, 500, 503`);
      }
      return { kind: 'status', status: action.status, resetInSeconds: action.resetInSeconds };
    case 'latency':
      if (action.ms === undefined) throw badRequest('action.ms', 'required when kind is latency, e.g. 2000');
      return { kind: 'latency', ms: action.ms };
    case 'timeout':
      return { kind: 'timeout', ms: action.ms };
    case 'commit-then-drop':
      return { kind: 'commit-then-drop' };
  }
}
