import { Client } from 'pg';
import type { TestSandbox } from '../../support/sandbox-harness';

interface MetaCredentials {
  appId: string;
  appSecret: string;
  userId: string;
  pageId: string;
}

export interface PagesOfOnePerson {
  /** The person's name on the sandbox consent page ("<display name of the first page> admin"). */
  personName: string;
  pages: { handle: string; displayName: string }[];
  /** API settings that point Facebook and Instagram at this sandbox's Meta app. */
  settings: Record<string, string>;
}

/**
 * One sandbox Facebook person who runs several pages, so that connecting Facebook asks which pages to connect.
 * The sandbox makes one person per page; the later pages are handed to the first page's person in its database.
 */
export async function pagesOfOnePerson(
  sandbox: TestSandbox,
  pages: { handle: string; displayName: string }[],
): Promise<PagesOfOnePerson> {
  const accounts = [];
  for (const page of pages) accounts.push(await sandbox.createAccount<MetaCredentials>('facebook', page));
  const [first, ...rest] = accounts;
  const db = new Client({ connectionString: sandbox.databaseUrl });
  await db.connect();
  try {
    for (const other of rest) {
      await db.query('UPDATE meta_pages SET admin_user_id = $1 WHERE id = $2', [
        first.credentials.userId,
        other.credentials.pageId,
      ]);
    }
  } finally {
    await db.end();
  }
  return {
    personName: `${pages[0].displayName} admin`,
    pages,
    settings: {
      META_APP_ID: first.credentials.appId,
      META_APP_SECRET: first.credentials.appSecret,
      META_GRAPH_URL: `${sandbox.url}/meta`,
      META_DIALOG_URL: `${sandbox.url}/meta/dialog/oauth`,
    },
  };
}
