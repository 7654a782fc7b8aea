import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, randomToken, sha256Hex } from '@outside-in/common';
import { Session } from '@outside-in/database';
import { clientIp } from '../http/client-ip';

export const SESSION_COOKIE = 'oi_session';

/** Server-side sessions: the cookie carries a random token, the database its hash and the CSRF token. */
@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
  ) {}

  /** Creates a session (inside the caller's transaction when given) and sets the cookie. */
  async start(
    userId: string,
    req: Request,
    res: Response,
    manager: EntityManager = this.sessions.manager,
  ): Promise<Session> {
    const token = randomToken();
    const ttlMs = this.config.SESSION_TTL_HOURS * 3600_000;
    const session = await manager.getRepository(Session).save(
      manager.getRepository(Session).create({
        tokenHash: sha256Hex(token),
        userId,
        csrfToken: randomToken(24),
        expiresAt: new Date(Date.now() + ttlMs),
        ip: clientIp(req),
        userAgent: (req.header('user-agent') ?? '').slice(0, 300) || null,
      }),
    );
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: ttlMs,
    });
    return session;
  }

  async find(token: string): Promise<Session | null> {
    const session = await this.sessions.findOne({ where: { tokenHash: sha256Hex(token) } });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    return session;
  }

  async end(sessionId: string, req: Request, res: Response): Promise<void> {
    await this.sessions.delete({ id: sessionId });
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
  }
}
