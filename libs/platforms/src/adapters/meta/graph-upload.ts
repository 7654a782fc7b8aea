import type { GraphApi } from './graph-api';
import type { GraphFailure } from './graph-errors';

/**
 * POSTs multipart form data to a Graph path. The SDK's multipart path drops the request body
 * (src/http.js deletes options.data), so photo bytes are the one request it cannot send; the URL,
 * token placement and error shape are the SDK's, so mapGraphError reads the failure the same way.
 */
export async function graphMultipart(
  api: GraphApi,
  path: string,
  form: FormData,
): Promise<Record<string, unknown>> {
  const url = `${api.urlFor(path)}?access_token=${encodeURIComponent(api.accessToken)}`;
  const response = await fetch(url, {
    method: 'POST',
    body: form,
    signal: AbortSignal.timeout(api.timeoutMs),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { error: { message: `Graph answered ${response.status} with a body that is not JSON`, code: 0 } };
  }
  if (!response.ok) {
    const failure: GraphFailure = {
      name: 'FacebookRequestError',
      message: String((body.error as { message?: string } | undefined)?.message ?? response.statusText),
      status: response.status,
      response: (body.error as GraphFailure['response']) ?? { message: text, code: 0 },
      headers: Object.fromEntries(response.headers.entries()),
    };
    throw failure;
  }
  return body;
}
