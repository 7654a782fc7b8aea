import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { urlForLog } from './log-url';

/** Paths that must never reach a log line: credentials, cookies, and bodies people wrote. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.body',
];

/** Structured JSON logs (pino), one line per request, with secrets redacted. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, role: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Express 5 path syntax; the default '*' is converted with a warning at every start.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            base: { role },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
            customProps: (req) => {
              const orgId = (req as { orgId?: string }).orgId;
              return orgId ? { orgId } : {};
            },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: urlForLog(req.url),
              }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
