import type { Request } from 'express';

/** The caller's address as Express resolved it (honouring TRUST_PROXY), without the IPv4-mapped prefix. */
export function clientIp(req: Request): string | null {
  const ip = req.ip ?? req.socket.remoteAddress ?? null;
  return ip ? ip.replace(/^::ffff:/, '').slice(0, 45) : null;
}
