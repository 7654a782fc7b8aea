import { useState } from 'react';
import { organisationApi } from '../../api/endpoints';
import type { ApiToken, CreatedApiToken } from '../../api/types';
import { messageOf } from '../../components/error-summary';
import { formatDate } from '../../components/format';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { VisuallyHidden } from '../../components/visually-hidden';
import { useOrganisationDetails } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { CreateTokenForm } from './create-token-form';
import { NewToken } from './new-token';

export function ApiTokensScreen() {
  const { organisation } = useSignedIn();
  const { timeZone } = useOrganisationDetails();
  const orgId = organisation.organisationId;
  const tokens = useApiData(() => organisationApi.apiTokens(orgId), orgId);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [status, setStatus] = useState('');
  const [rowProblem, setRowProblem] = useState('');

  async function revoke(token: ApiToken) {
    setRowProblem('');
    try {
      await organisationApi.revokeApiToken(orgId, token.id);
      if (created?.apiToken.id === token.id) setCreated(null);
      setStatus(`The token “${token.name}” has been revoked. Anything using it will stop working.`);
      await tokens.reload();
    } catch (err) {
      setRowProblem(messageOf(err));
    }
  }

  return (
    <>
      <PageHeading title="API tokens">
        <p>
          A personal API token lets a script or another tool act as you in {organisation.organisationName},
          with your role. Keep tokens as safe as your password, and revoke any you no longer use.
        </p>
      </PageHeading>

      <CreateTokenForm
        orgId={orgId}
        onCreated={(result) => {
          setCreated(result);
          setStatus('');
          void tokens.reload();
        }}
      />
      {created && <NewToken created={created} />}

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        <StatusMessage>{status}</StatusMessage>
        {rowProblem && (
          <p className="notice notice--problem" role="alert">
            {rowProblem}
          </p>
        )}
        {tokens.error !== null && tokens.data === undefined && (
          <LoadFailure what="your tokens" error={tokens.error} retry={() => void tokens.reload()} />
        )}
        {tokens.data === undefined && tokens.loading && <Loading what="your tokens" />}
        {tokens.data && tokens.data.items.length === 0 && <p>You have no API tokens in this organisation.</p>}
        {tokens.data && tokens.data.items.length > 0 && (
          <TableScroller label="Your API tokens">
            <table className="table">
              <caption className="visually-hidden">Your API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Revoke</th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>
                      <code>{t.prefix}</code>
                    </td>
                    <td>{formatDate(t.createdAt, timeZone)}</td>
                    <td>{t.expiresAt ? formatDate(t.expiresAt, timeZone) : 'Never'}</td>
                    <td>{t.lastUsedAt ? formatDate(t.lastUsedAt, timeZone) : 'Not used yet'}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--warning button--compact"
                        onClick={() => void revoke(t)}
                      >
                        Revoke<VisuallyHidden> the token “{t.name}”</VisuallyHidden>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
    </>
  );
}
