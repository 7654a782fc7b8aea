import { INestApplication, Logger, LogLevel, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SandboxCoreModule } from './core/sandbox-core.module';
import { AppConfig, LoggingModule } from '@outside-in/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { sandboxOptionsFromConfig, SandboxOptions } from './core/sandbox-options';
import { SandboxModule } from './sandbox.module';

/** One response as it went on the wire (see SandboxBootstrapOptions.onResponse). */
export interface CapturedResponse {
  method: string;
  /** Path without the query string, e.g. /x/2/tweets. */
  path: string;
  /** Path and query string. */
  url: string;
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export interface SandboxBootstrapOptions {
  /** Extra modules (tests register a stand-in network this way). */
  imports?: NonNullable<ModuleMetadata['imports']>;
  /** Overrides of the options derived from the configuration. */
  sandbox?: Partial<SandboxOptions>;
  /** Nest's console logger with these levels (tests); default: pino JSON logs at LOG_LEVEL. */
  logger?: LogLevel[] | false;
  /** Called with every response the sandbox finished sending (tests validate them against the specs). */
  onResponse?: (response: CapturedResponse) => void;
  /** Print the URL once listening (default true; the test harness turns it off). */
  announce?: boolean;
  /** Interface to listen on; default config.HOST. */
  host?: string;
}

/** Request bodies up to this size: X and Mastodon media uploads send a few megabytes per request. */
const BODY_LIMIT = '25mb';

/**
 * Starts the sandbox networks on `port` (default SANDBOX_PORT; 0 picks a free port). Called by main.ts
 * (`npm run start:sandbox`) and by apps/standalone.
 */
export async function bootstrapSandbox(
  config: AppConfig,
  port = config.SANDBOX_PORT,
  options: SandboxBootstrapOptions = {},
): Promise<INestApplication> {
  const sandboxOptions = { ...sandboxOptionsFromConfig(config), ...options.sandbox };
  // Structured JSON logs (pino) as the api and worker write them, unless the caller picks Nest's console logger.
  const usePino = options.logger === undefined;
  const app = await NestFactory.create<NestExpressApplication>(
    SandboxModule.forRoot(sandboxOptions, [
      ...(usePino ? [LoggingModule.forRoot(config, 'sandbox')] : []),
      ...(options.imports ?? []),
    ]),
    {
      ...(usePino ? { bufferLogs: true } : { logger: options.logger }),
      bodyParser: false,
      rawBody: true,
      forceCloseConnections: true,
      abortOnError: false,
    },
  );
  if (usePino) app.useLogger(app.get(PinoLogger));
  app.disable('x-powered-by');
  // Mastodon clients send arrays as `types[]=mention`; the extended parser turns them into arrays.
  app.set('query parser', 'extended');
  if (options.onResponse) app.use(captureResponses(options.onResponse));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  setUpControlDocs(app);
  // No enableShutdownHooks: main.ts (and apps/standalone, which closes every role in order) handle the signals.
  await app.listen(port, options.host ?? config.HOST);
  if (options.announce ?? true) {
    new Logger('Sandbox').log(
      `Sandbox networks listening on ${await app.getUrl()} (controls: /_sandbox/docs)`,
    );
  }
  return app;
}

/** The sandbox's own OpenAPI document (controls only): UI at /_sandbox/docs, JSON at /_sandbox/docs-json. */
function setUpControlDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Outside In sandbox controls')
    .setDescription(
      'Accounts, ledger, faults, rate limits and the crowd of the sandbox networks. The networks themselves ' +
        'speak their real wire formats under /x, /meta, /mastodon and /bluesky.',
    )
    .setVersion('1')
    .build();
  let document: OpenAPIObject;
  try {
    document = SwaggerModule.createDocument(app, config);
  } catch (error) {
    // A network controller Swagger cannot describe must not stop the sandbox: document the core alone.
    new Logger('Sandbox').warn(`OpenAPI document limited to the core controls: ${(error as Error).message}`);
    document = SwaggerModule.createDocument(app, config, { include: [SandboxCoreModule] });
  }
  // Only the controls (the core's and any a network adds under /_sandbox): the networks' own routes are
  // documented by their real specs, not here.
  document.paths = Object.fromEntries(
    Object.entries(document.paths).filter(([route]) => route.startsWith('/_sandbox/')),
  );
  SwaggerModule.setup('_sandbox/docs', app, document, { jsonDocumentUrl: '_sandbox/docs-json' });
}

function captureResponses(onResponse: (response: CapturedResponse) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding: unknown): void => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              chunk as string,
              typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
            ),
      );
    };
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding);
      return write(chunk, encoding, callback);
    }) as Response['write'];
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding);
      return end(chunk, encoding, callback);
    }) as Response['end'];
    const url = req.originalUrl ?? req.url;
    res.on('finish', () => {
      const contentType = res.getHeader('content-type');
      onResponse({
        method: req.method,
        path: url.split('?')[0],
        url,
        status: res.statusCode,
        contentType: contentType === undefined ? undefined : String(contentType),
        headers: res.getHeaders(),
        body: Buffer.concat(chunks),
      });
    });
    next();
  };
}
