import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SignedIn } from './access.decorators';
import { SessionView, SignInDto, SignUpDto, SwitchOrganisationDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './current.decorators';
import type { Principal } from './principal';
import { SessionService } from './session.service';

@ApiTags('Sign-in')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Post('sign-up')
  @Public({ csrf: false })
  @ApiOperation({ summary: 'Create an organisation and its owner, and sign in' })
  @ApiCreatedResponse({ type: SessionView })
  signUp(
    @Body() body: SignUpDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    return this.auth.signUp(body, req, res);
  }

  @Post('sign-in')
  @HttpCode(200)
  @Public({ csrf: false })
  @ApiOperation({ summary: 'Sign in with email and password; sets the session cookie' })
  @ApiOkResponse({ type: SessionView })
  signIn(
    @Body() body: SignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    return this.auth.signIn(body, req, res);
  }

  @Post('sign-out')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'End this session' })
  @ApiNoContentResponse()
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.sessions.end(principal.sessionId!, req, res);
  }

  @Get('session')
  @SignedIn()
  @ApiOperation({ summary: 'Who is signed in, their organisations and the CSRF token' })
  @ApiOkResponse({ type: SessionView })
  session(@CurrentPrincipal() principal: Principal): Promise<SessionView> {
    return this.auth.current(principal);
  }

  @Post('switch-organisation')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Make another of your organisations the current one' })
  @ApiOkResponse({ type: SessionView })
  switchOrganisation(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SwitchOrganisationDto,
  ): Promise<SessionView> {
    return this.auth.switchOrganisation(principal, body.organisationId);
  }
}
