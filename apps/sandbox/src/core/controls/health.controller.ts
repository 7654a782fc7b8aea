import { Controller, Get } from '@nestjs/common';

@Controller('_sandbox')
export class SandboxHealthController {
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
