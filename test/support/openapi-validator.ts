import Ajv, { AnySchema, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CapturedResponse } from '../../apps/sandbox/src/sandbox.bootstrap';

/**
 * Validates raw HTTP responses against the official OpenAPI documents in ../shared/specs (X API v2, OpenAPI
 * 3.0; Mastodon, OpenAPI 3.1): the operation must exist, the status must be documented (exactly, as 4XX, or
 * as default), the content type must be one the operation lists, and the JSON body must match its schema.
 *
 * Typical use in a network's test file, with the harness capturing every response the sandbox sends:
 *
 *   afterEach(() => expectValidResponses(sandbox.takeResponses(), { notInSpec: [/^POST \/x\/2\/oauth2\/token$/] }));
 */
export type SpecName = 'x' | 'mastodon';

/** Where each network lives in the sandbox, so that /x/2/tweets is looked up as /2/tweets. */
export const SPEC_PREFIXES: Readonly<Record<SpecName, string>> = { x: '/x', mastodon: '/mastodon' };

const SPEC_FILES: Readonly<Record<SpecName, string>> = {
  x: 'x-api-v2.openapi.json',
  mastodon: 'mastodon.openapi.json',
};

/** The repository root is two levels up; CI lays shared/ beside the checkout as on developer machines. */
export const SPECS_DIR = path.resolve(__dirname, '../..', '../shared/specs');

export interface RawResponse {
  method: string;
  /** Path as the spec writes it (/2/tweets/123), or with the sandbox prefix (/x/2/tweets/123). */
  path: string;
  status: number;
  contentType?: string;
  /** The body: raw bytes or text (parsed as JSON when the content type is JSON), or an already parsed value. */
  body?: Buffer | string | unknown;
}

export interface ValidationResult {
  valid: boolean;
  /** `GET /2/users/me` as the spec names it, when the operation was found. */
  operation?: string;
  /** True when no operation of the spec matches the method and path. */
  notInSpec?: boolean;
  errors: string[];
}

type JsonObject = Record<string, unknown>;

interface PathMatcher {
  template: string;
  pattern: RegExp;
  /** Literal paths first, then the ones with fewer {parameters} (so /2/tweets/search/recent beats /2/tweets/{id}). */
  rank: [number, number];
}

export class OpenApiResponseValidator {
  private static readonly cache = new Map<SpecName, OpenApiResponseValidator>();
  private readonly ajv: Ajv;
  private readonly matchers: PathMatcher[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly schemaId: string;

  private constructor(
    readonly spec: SpecName,
    private readonly document: JsonObject,
  ) {
    const is31 = String(document.openapi).startsWith('3.1');
    // strict: false, because OpenAPI adds keywords JSON Schema does not know (example, discriminator, xml).
    // OpenAPI 3.0's `nullable` is understood by Ajv itself; 3.1 is JSON Schema 2020-12.
    const options = { strict: false, allErrors: true, validateSchema: false, logger: false as const };
    this.ajv = is31 ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    this.schemaId = `openapi-${spec}`;
    this.ajv.addSchema({ ...document, $id: this.schemaId } as AnySchema, this.schemaId);
    this.matchers = Object.keys(document.paths as JsonObject)
      .map((template) => {
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const source = template
          .split(/(\{[^}]+\})/)
          .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
          .join('');
        return {
          template,
          pattern: new RegExp(`^${source}/?$`),
          rank: [params, -template.length] as [number, number],
        };
      })
      .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  }

  static forSpec(spec: SpecName): OpenApiResponseValidator {
    let validator = this.cache.get(spec);
    if (!validator) {
      const document = JSON.parse(readFileSync(path.join(SPECS_DIR, SPEC_FILES[spec]), 'utf8')) as JsonObject;
      validator = new OpenApiResponseValidator(spec, document);
      this.cache.set(spec, validator);
    }
    return validator;
  }

  validate(response: RawResponse, options: ValidateOptions = {}): ValidationResult {
    const method = response.method.toLowerCase();
    const specPath = stripPrefix(response.path.split('?')[0], SPEC_PREFIXES[this.spec]);
    const matcher = this.matchers.find(
      (m) => m.pattern.test(specPath) && Boolean((this.paths()[m.template] as JsonObject)[method]),
    );
    const label = `${response.method.toUpperCase()} ${response.path} -> ${response.status}`;
    if (!matcher) {
      return {
        valid: false,
        notInSpec: true,
        errors: [`${label}: no operation in the ${this.spec} spec matches`],
      };
    }
    const operation = `${method.toUpperCase()} ${matcher.template}`;
    const fail = (message: string): ValidationResult => ({
      valid: false,
      operation,
      errors: [`${label} (${operation}): ${message}`],
    });

    const responses = ((this.paths()[matcher.template] as JsonObject)[method] as JsonObject)
      .responses as JsonObject;
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find(
      (key) => key in responses,
    );
    if (!statusKey) {
      return fail(
        `status ${response.status} is not documented (documented: ${Object.keys(responses).join(', ')})`,
      );
    }
    const responseObject = this.resolve(responses[statusKey] as JsonObject);
    const content = responseObject.content as JsonObject | undefined;
    const text = bodyText(response.body);
    if (!content || !Object.keys(content).length) {
      return text === undefined || text === ''
        ? { valid: true, operation, errors: [] }
        : fail(`the spec documents no body for ${statusKey}, but one was sent`);
    }
    const contentType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
    const mediaKey = Object.keys(content).find((key) => mediaTypeMatches(key, contentType));
    if (!mediaKey) {
      return fail(
        `content type "${contentType || '(none)'}" is not one of ${Object.keys(content).join(', ')}`,
      );
    }
    const media = content[mediaKey] as JsonObject;
    if (!media.schema || !isJson(mediaKey)) return { valid: true, operation, errors: [] };

    let body: unknown;
    if (Buffer.isBuffer(response.body) || typeof response.body === 'string') {
      try {
        body = JSON.parse(text ?? '');
      } catch {
        return fail(`the body is not JSON: ${JSON.stringify((text ?? '').slice(0, 200))}`);
      }
    } else {
      body = response.body;
    }
    if (
      options.allowAboutBlankProblems &&
      mediaKey === 'application/problem+json' &&
      isAboutBlank(body, response.status)
    ) {
      return { valid: true, operation, errors: [] };
    }
    const validate = this.compile(matcher.template, method, statusKey, mediaKey);
    if (validate(body)) return { valid: true, operation, errors: [] };
    const errors = (validate.errors ?? [])
      .slice(0, 20)
      .map((e) => `${e.instancePath || '(body)'} ${e.message}`);
    return fail(`the body does not match the schema: ${errors.join('; ')}`);
  }

  private paths(): JsonObject {
    return this.document.paths as JsonObject;
  }

  /** Follows a response object's $ref (#/components/responses/...). */
  private resolve(object: JsonObject): JsonObject {
    let current = object;
    for (let i = 0; i < 5 && typeof current.$ref === 'string'; i++) {
      current = (current.$ref as string)
        .replace(/^#\//, '')
        .split('/')
        .map(unescapePointer)
        .reduce<JsonObject>((node, key) => node[key] as JsonObject, this.document);
    }
    return current;
  }

  private compile(template: string, method: string, statusKey: string, mediaKey: string): ValidateFunction {
    const key = [template, method, statusKey, mediaKey].join(' ');
    let validate = this.compiled.get(key);
    if (!validate) {
      const responses = ((this.paths()[template] as JsonObject)[method] as JsonObject)
        .responses as JsonObject;
      const raw = responses[statusKey] as JsonObject;
      // A $ref'd response object lives under components/responses: point into it, not into paths.
      const base =
        typeof raw.$ref === 'string'
          ? (raw.$ref as string).replace(/^#/, '')
          : `/paths/${escapePointer(template)}/${method}/responses/${escapePointer(statusKey)}`;
      const pointer = `${base}/content/${escapePointer(mediaKey)}/schema`;
      validate = this.ajv.compile({
        $ref: `${this.schemaId}#${pointer.split('/').map(encodeURIComponent).join('/')}`,
      });
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

export interface ValidateOptions {
  /**
   * Accept an RFC 7807 generic problem ({ type: 'about:blank', title, status, detail }) as an
   * application/problem+json body. Real X sends these for 401, 403 duplicate and 429 (see PLATFORMS.md), but
   * the X spec's Problem schema lists only its own https://api.x.com/2/problems/... types. Off by default.
   */
  allowAboutBlankProblems?: boolean;
}

export interface ValidateCapturedOptions extends ValidateOptions {
  /** `METHOD /path` patterns (with the sandbox prefix) of routes the spec does not describe, e.g. OAuth pages. */
  notInSpec?: RegExp[];
}

/**
 * Validates every captured X (/x/...) and Mastodon (/mastodon/..., or the root /api/v1|v2 and /oauth where
 * masto calls it) response; other networks' responses are skipped. Returns one line per problem.
 */
export function validateCapturedResponses(
  responses: readonly CapturedResponse[],
  options: ValidateCapturedOptions = {},
): string[] {
  const problems: string[] = [];
  for (const response of responses) {
    const spec = specOf(response.path);
    if (!spec) continue;
    if (options.notInSpec?.some((pattern) => pattern.test(`${response.method} ${response.path}`))) continue;
    const result = OpenApiResponseValidator.forSpec(spec).validate(response, options);
    if (!result.valid) problems.push(...result.errors);
  }
  return problems;
}

/** Throws, listing every problem, unless every captured X and Mastodon response matches its spec. */
export function expectValidResponses(
  responses: readonly CapturedResponse[],
  options: ValidateCapturedOptions = {},
): void {
  const problems = validateCapturedResponses(responses, options);
  if (problems.length) {
    throw new Error(
      `${problems.length} response(s) do not match the OpenAPI spec:\n  ${problems.join('\n  ')}`,
    );
  }
}

/**
 * Which spec a captured path belongs to. masto drops the path of its `url`, so the sandbox also serves
 * Mastodon at the root (/api/v1, /api/v2, /oauth); those answers are Mastodon's too and are checked.
 */
function specOf(requestPath: string): SpecName | undefined {
  const prefixed = (Object.keys(SPEC_PREFIXES) as SpecName[]).find(
    (name) => requestPath === SPEC_PREFIXES[name] || requestPath.startsWith(`${SPEC_PREFIXES[name]}/`),
  );
  if (prefixed) return prefixed;
  return /^\/(api\/v[12]\/|oauth\/)/.test(requestPath) ? 'mastodon' : undefined;
}

function stripPrefix(requestPath: string, prefix: string): string {
  return requestPath === prefix || requestPath.startsWith(`${prefix}/`)
    ? requestPath.slice(prefix.length) || '/'
    : requestPath;
}

function isAboutBlank(body: unknown, status: number): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const problem = body as JsonObject;
  return (
    problem.type === 'about:blank' &&
    typeof problem.title === 'string' &&
    typeof problem.detail === 'string' &&
    (problem.status === undefined || problem.status === status)
  );
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'string') return body;
  return JSON.stringify(body);
}

function mediaTypeMatches(documented: string, actual: string): boolean {
  const key = documented.toLowerCase();
  if (key === actual || key === '*/*') return true;
  if (key.endsWith('/*')) return actual.startsWith(key.slice(0, -1));
  return false;
}

function isJson(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json$/i.test(mediaType.split(';')[0].trim());
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
