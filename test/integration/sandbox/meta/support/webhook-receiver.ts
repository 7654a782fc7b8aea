import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
}

/**
 * A webhook callback like an app would run: answers Meta's verification GET by echoing hub.challenge when
 * hub.verify_token matches (403 otherwise, or a wrong echo when `echoWrongChallenge` is set), and keeps
 * every POST's raw body.
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  readonly verifications: URLSearchParams[] = [];
  echoWrongChallenge = false;
  private server?: Server;

  constructor(private readonly verifyToken: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET') {
        this.verifications.push(url.searchParams);
        const ok =
          url.searchParams.get('hub.mode') === 'subscribe' &&
          url.searchParams.get('hub.verify_token') === this.verifyToken;
        if (!ok) {
          res.writeHead(403).end('forbidden');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(this.echoWrongChallenge ? 'nope' : url.searchParams.get('hub.challenge'));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.deliveries.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
        res.writeHead(200).end('EVENT_RECEIVED');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/webhooks/meta`;
  }

  /** Waits until `count` deliveries arrived (the sandbox delivers after answering the API call). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedDelivery[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.length < count) {
      if (Date.now() > deadline)
        throw new Error(`Only ${this.deliveries.length} of ${count} webhook deliveries arrived`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.deliveries.slice(0, count);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
