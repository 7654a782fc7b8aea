/**
 * Tools for comparing the sandbox's Bluesky with a real PDS and AppView answer by answer: a recorder of the
 * XRPC exchanges a client makes, a normaliser for the values that differ by nature between two networks, and
 * a differ that names every field that still differs.
 */

export interface Exchange {
  /** `GET app.bsky.feed.getAuthorFeed` */
  call: string;
  status: number;
  body: unknown;
}

/**
 * Records every XRPC exchange made with the global fetch (which AtpAgent uses, the adapter's included) to
 * one service, while recording is on. Install before the agents are made: they keep the fetch they found.
 */
export class XrpcRecorder {
  readonly exchanges: Exchange[] = [];
  private recording = false;
  private original: typeof fetch | undefined;

  private readonly origin: string;

  /** The agent resolves /xrpc/<nsid> against the service URL, so only its origin reaches the wire. */
  constructor(serviceUrl: string) {
    this.origin = new URL(serviceUrl).origin;
  }

  install(): void {
    const original = globalThis.fetch;
    this.original = original;
    globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
      const response = await original(input, init);
      const request = input instanceof Request ? input : undefined;
      const url = new URL(request ? request.url : String(input));
      if (this.recording && url.origin === this.origin && url.pathname.includes('/xrpc/')) {
        const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
        const nsid = url.pathname.split('/xrpc/')[1];
        const bytes = Buffer.from(await response.clone().arrayBuffer());
        const type = response.headers.get('content-type') ?? '';
        const body = type.startsWith('application/json')
          ? (JSON.parse(bytes.toString('utf8')) as unknown)
          : bytes.length
            ? `<${type || 'no content-type'}, ${bytes.length} bytes>`
            : null;
        this.exchanges.push({ call: `${method} ${nsid}`, status: response.status, body });
      }
      return response;
    };
  }

  uninstall(): void {
    if (this.original) globalThis.fetch = this.original;
  }

  /** Runs `fn` with recording on (what the scenario compares). */
  async record<T>(fn: () => Promise<T>): Promise<T> {
    this.recording = true;
    try {
      return await fn();
    } finally {
      this.recording = false;
    }
  }
}

const DID = /did:plc:[a-z2-7]{24}/g;
const RECORD_CID = /bafyrei[a-z2-7]{52}/g;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]+$/;
/** A TID (a record key made from the time), alone or at the end of an at:// URI. */
const TID = /^[2-7a-j][2-7a-z]{12}$|(?<=^at:\/\/[^/]+\/[^/]+\/)[2-7a-j][2-7a-z]{12}$/;
/** A service's own URL (each network runs on its own port). */
const SERVICE_URL = /^http:\/\/(localhost|127\.0\.0\.1):\d+(\/bluesky)?$/;
/** The time in a keyset cursor (`<ms>__<cid>`). */
const CURSOR_TIME = /^\d{13}(?=__|::)/;

/**
 * Replaces what legitimately differs between two networks running the same scenario: DIDs and record CIDs
 * become `<did:N>`/`<cid:N>` numbered by first appearance (so the same DID must stand in the same places),
 * tokens `<jwt>`, times `<datetime>` (`<ms>` in cursors), e-mail addresses `<email>`, and the fields named in `opaque` (values
 * each network makes its own way, e.g. a commit's rev) `<opaque>`; fields named in `ignored` are dropped.
 * Blob CIDs (raw sha-256 of the same
 * bytes) and record keys (derived from our idempotency keys) must be equal and are kept.
 */
export class Normaliser {
  private readonly dids = new Map<string, string>();
  private readonly cids = new Map<string, string>();
  private readonly tids = new Map<string, string>();

  /**
   * @param opaque fields whose values each network makes its own way: only their presence is compared.
   * @param ignored fields left out altogether.
   * @param numberTids whether record keys made from the time become `<tid:N>` (not when they come from our
   *   idempotency keys and must be equal).
   */
  constructor(
    private readonly opaque: ReadonlySet<string>,
    private readonly ignored: ReadonlySet<string> = new Set(),
    private readonly numberTids = false,
  ) {}

  normalise(value: unknown, key?: string): unknown {
    if (key !== undefined && this.opaque.has(key) && value !== undefined) return '<opaque>';
    if (value instanceof Date) return '<datetime>';
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) return value.map((item) => this.normalise(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (!this.ignored.has(k)) out[k] = this.normalise(v, k);
      return out;
    }
    return value;
  }

  private string(value: string): string {
    if (JWT.test(value)) return '<jwt>';
    if (DATETIME.test(value)) return '<datetime>';
    if (EMAIL.test(value)) return '<email>';
    if (SERVICE_URL.test(value)) return '<service url>';
    if (this.numberTids) value = value.replace(TID, (tid) => numbered(this.tids, tid, 'tid'));
    return value
      .replace(CURSOR_TIME, '<ms>')
      .replace(DID, (did) => numbered(this.dids, did, 'did'))
      .replace(RECORD_CID, (cid) => numbered(this.cids, cid, 'cid'));
  }
}

function numbered(map: Map<string, string>, value: string, label: string): string {
  let found = map.get(value);
  if (!found) {
    found = `<${label}:${map.size + 1}>`;
    map.set(value, found);
  }
  return found;
}

/** Every field where `sandbox` differs from `real`, as `path: real … / sandbox …`. */
export function differences(real: unknown, sandbox: unknown, path: string): string[] {
  if (Array.isArray(real) && Array.isArray(sandbox)) {
    const out: string[] = [];
    if (real.length !== sandbox.length)
      out.push(`${path}: real has ${real.length} items / sandbox ${sandbox.length}`);
    for (let i = 0; i < Math.min(real.length, sandbox.length); i++)
      out.push(...differences(real[i], sandbox[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(real) && isObject(sandbox)) {
    const out: string[] = [];
    for (const key of new Set([...Object.keys(real), ...Object.keys(sandbox)])) {
      const here = `${path}.${key}`;
      if (!(key in sandbox)) out.push(`${here}: missing in the sandbox (real: ${show(real[key])})`);
      else if (!(key in real)) out.push(`${here}: only in the sandbox (${show(sandbox[key])})`);
      else out.push(...differences(real[key], sandbox[key], here));
    }
    return out;
  }
  return Object.is(real, sandbox) ? [] : [`${path}: real ${show(real)} / sandbox ${show(sandbox)}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
