import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';

/** dist/web, found from this file (compiled in dist/apps/api/src/web, or the source under test) unless configured. */
export function webDistDir(configured?: string): string {
  if (configured) return configured;
  return __filename.endsWith('.ts')
    ? resolve(__dirname, '../../../../dist/web')
    : resolve(__dirname, '../../../../web');
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built web app for every path outside /api, falling back to index.html so that
 * deep links (an invitation link) open the right screen. Returns false if there is no build.
 */
export function serveWebApp(app: express.Express, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = express.static(dir, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Content-Security-Policy', CSP);
    assets(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
