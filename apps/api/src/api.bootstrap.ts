import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@outside-in/common';
import { ApiModule } from './api.module';
import { jsonBodyParser } from './http/body-parsing';
import { createValidationPipe } from './http/validation';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { serveWebApp, webDistDir } from './web/web-app';

export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Outside In API')
    .setDescription(
      'Scheduler and shared inbox for public services. Sign in with the session cookie (and send X-CSRF-Token on changes), or use a personal API token as "Authorization: Bearer oi_...". Each operation\'s x-access says who may call it.',
    )
    .setVersion('1')
    .addCookieAuth('oi_session', { type: 'apiKey', in: 'cookie' }, 'session')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Personal API token (oi_...)' }, 'apiToken')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Creates the API application (not yet listening). The database must already be prepared. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  // Keep idle connections longer than a load balancer's idle timeout (60 s on common ones): with Node's 5 s a
  // client reusing a connection at the moment the server drops it gets ECONNRESET (seen in the browser tests).
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(httpMetrics(app.get(MetricsService)));
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(cookieParser());
  app.use(jsonBodyParser());
  const webDir = webDistDir(config.WEB_DIST_DIR);
  if (!serveWebApp(app.getHttpAdapter().getInstance(), webDir)) {
    new Logger('Web').warn(`No web build at ${webDir}; run "npm run build:web" to serve the web app.`);
  }
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Outside In API',
  });
  return app;
}
