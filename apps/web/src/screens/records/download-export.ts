import { ApiError, errorFromBody } from '../../api/client';
import { recordsPath, type ExportFormat, type HoldSubject } from '../../api/records';

/**
 * Asks for an export and saves it as a file. A POST (the export is recorded in the audit log), so it needs the
 * session's CSRF token and cannot be a plain link. Answers the file name saved.
 */
export async function downloadExport(
  orgId: string,
  csrfToken: string,
  subject: HoldSubject,
  format: ExportFormat,
): Promise<string> {
  const url =
    'conversationId' in subject
      ? recordsPath('exportConversation', { orgId, conversationId: subject.conversationId })
      : recordsPath('exportContact', { orgId, contactId: subject.contactId });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, Accept: '*/*' },
      body: JSON.stringify({ format }),
    });
  } catch {
    throw new ApiError('We could not reach Outside In. Check your connection, then try again.', 0);
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw errorFromBody(response.status, body);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `export.${format}`;
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return fileName;
}
