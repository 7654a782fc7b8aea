/**
 * Drives a sandbox network's consent page the way a person's browser would, without a browser: reads the page,
 * fills the form that holds the chosen decision button, posts it, and returns where the network redirects.
 */
export async function answerConsentPage(
  pageUrl: string,
  decision: { button: string; fields?: Record<string, string> },
): Promise<string> {
  const page = await fetch(pageUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`The consent page answered ${page.status}: ${html.slice(0, 300)}`);
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find(([, , body]) => new RegExp(`value="${decision.button}"`).test(body));
  if (!form)
    throw new Error(`No form on ${pageUrl} has a "${decision.button}" button: ${html.slice(0, 500)}`);
  const [, attributes, body] = form;
  const action = /action="([^"]*)"/.exec(attributes)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const fields = new URLSearchParams();
  for (const [, name, value] of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(name, decodeEntities(value));
  }
  for (const [name, value] of Object.entries(decision.fields ?? {})) fields.set(name, value);
  const button = /<button[^>]*name="([^"]+)"[^>]*value="([^"]+)"/.exec(
    body.slice(body.indexOf(`value="${decision.button}"`) - 200),
  );
  fields.set(button?.[1] ?? 'decision', decision.button);
  const answer = await fetch(new URL(action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status < 300 || answer.status >= 400 || !location) {
    throw new Error(
      `The consent form answered ${answer.status} without a redirect: ${(await answer.text()).slice(0, 300)}`,
    );
  }
  return location;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
