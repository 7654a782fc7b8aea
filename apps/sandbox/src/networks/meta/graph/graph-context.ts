import type { Request } from 'express';
import type { GraphCaller } from '../services/meta-auth.service';
import { FieldRequest, parseFields } from './graph-fields';
import { GraphParams } from './graph-params';

/** One Graph request, authenticated, with its parameters parsed. */
export interface GraphContext {
  req: Request;
  /** The version segment of the path, such as `v21.0`. */
  version: string;
  caller: GraphCaller;
  params: GraphParams;
  fields?: FieldRequest[];
}

/** What a Graph handler answers. `created` marks a write, for commit-then-drop faults. */
export interface GraphResult {
  body: unknown;
  created?: boolean;
}

export function graphContext(req: Request, version: string, caller: GraphCaller): GraphContext {
  const params = GraphParams.from(req);
  return { req, version, caller, params, fields: parseFields(params.string('fields')) };
}

/** The sandbox's own origin plus `/meta/{version}`, for absolute URLs such as nested `paging.next`. */
export function graphBase(ctx: GraphContext): string {
  return `${ctx.req.protocol}://${ctx.req.get('host') ?? 'localhost'}/meta/${ctx.version}`;
}
