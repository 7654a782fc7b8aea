/** The variables a canned reply may hold (the API fills them: apps/api/src/inbox/README.md), in words. */
export const CANNED_VARIABLES = [
  { token: '{{contact.name}}', label: 'the person’s name' },
  { token: '{{contact.handle}}', label: 'their handle' },
  { token: '{{agent.name}}', label: 'your name' },
  { token: '{{organisation.name}}', label: 'the organisation’s name' },
] as const;

/** A canned reply as it would read to an example person, for the preview (the API fills the real one). */
export function fillExample(body: string, agentName: string, organisationName: string): string {
  const values: Record<string, string> = {
    'contact.name': 'Cai Citizen',
    'contact.handle': 'cai_citizen',
    'agent.name': agentName,
    'organisation.name': organisationName,
  };
  return body.replace(/\{\{\s*([a-z.]+)\s*\}\}/gi, (all, key: string) => values[key.toLowerCase()] ?? all);
}
