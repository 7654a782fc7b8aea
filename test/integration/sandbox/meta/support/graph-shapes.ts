import type { TestSandbox } from '../../../../support/sandbox-harness';

/**
 * Checks every Graph response the sandbox sent since the last call: JSON always; errors only with Graph's
 * statuses and `{ error: { message, type, code, fbtrace_id } }` (never Nest's shape, never a bare 500).
 * Returns how many responses were checked. The OAuth dialog (HTML) is left out.
 */
export function expectGraphShapes(sandbox: TestSandbox): number {
  const responses = sandbox
    .takeResponses()
    .filter((r) => r.path.startsWith('/meta/') && !r.path.includes('/dialog/'));
  const problems: string[] = [];
  for (const response of responses) {
    const where = `${response.method} ${response.path} -> ${response.status}`;
    if (!String(response.contentType).startsWith('application/json')) {
      problems.push(`${where}: content-type ${response.contentType}`);
      continue;
    }
    if (response.status === 200) continue;
    if (![400, 403, 500, 503].includes(response.status)) problems.push(`${where}: not a Graph status`);
    const body = JSON.parse(response.body.toString('utf8')) as { error?: Record<string, unknown> };
    const error = body.error;
    if (
      !error ||
      typeof error.message !== 'string' ||
      typeof error.type !== 'string' ||
      typeof error.code !== 'number' ||
      typeof error.fbtrace_id !== 'string'
    ) {
      problems.push(`${where}: not a Graph error object: ${response.body.toString('utf8').slice(0, 200)}`);
    }
  }
  if (problems.length) throw new Error(`Responses not in Graph's shape:\n${problems.join('\n')}`);
  return responses.length;
}
