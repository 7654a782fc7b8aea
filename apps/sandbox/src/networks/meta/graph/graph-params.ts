import type { Request } from 'express';
import { invalidParameter } from './graph-error';

/**
 * A Graph request's parameters. Graph reads them from the query string and from the body alike (JSON, form
 * or multipart); the SDK puts POST parameters in a JSON body and `access_token` in the query, and adds the
 * parent object's `id` to every body, which Graph ignores.
 */
export class GraphParams {
  constructor(private readonly values: Record<string, unknown>) {}

  static from(req: Request): GraphParams {
    const values: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
    const body: unknown = req.body;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) Object.assign(values, body);
    delete values.access_token;
    return new GraphParams(values);
  }

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== '';
  }

  raw(name: string): unknown {
    return this.values[name];
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalidParameter(`Param ${name} must be a string`);
  }

  requireString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value.trim() === '')
      throw invalidParameter(`The parameter ${name} is required`);
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return fallback;
    if (value === true || value === 'true' || value === '1' || value === 1) return true;
    if (value === false || value === 'false' || value === '0' || value === 0) return false;
    throw invalidParameter(`Param ${name} must be a boolean (true or false)`);
  }

  integer(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(number)) throw invalidParameter(`Param ${name} must be an integer`);
    return number;
  }

  /** Graph accepts objects as JSON bodies or as JSON-encoded strings in forms and query strings. */
  object(name: string): Record<string, unknown> | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    let parsed: unknown = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch {
        throw invalidParameter(`Param ${name} must be a JSON object`);
      }
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw invalidParameter(`Param ${name} must be a JSON object`);
    }
    return parsed as Record<string, unknown>;
  }

  /** A list as Graph takes it: a JSON array, a JSON-encoded array, or a comma-separated string. */
  list(name: string): string[] | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === 'string') {
      if (value.trim().startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(value);
          if (Array.isArray(parsed)) return parsed.map(String);
        } catch {
          throw invalidParameter(`Param ${name} must be a list`);
        }
      }
      return value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    }
    throw invalidParameter(`Param ${name} must be a list`);
  }
}
