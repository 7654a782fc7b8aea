import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { auditApi, organisationApi } from '../../api/endpoints';
import type { AuditEvent } from '../../api/types';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { StatusMessage } from '../../components/status-message';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { apiFilters, filtersFromParams, paramsFromFilters } from './audit-filters';
import { AuditFilterPanel } from './audit-filter-panel';
import { AuditTable } from './audit-table';
import { VerifyPanel } from './verify-panel';

const PAGE_SIZE = 50;

interface Loaded {
  items: AuditEvent[];
  nextCursor: string | null;
}

export function AuditLogScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const [params, setParams] = useSearchParams();
  const form = filtersFromParams(params);
  const filterKey = params.toString();
  const members = useApiData(() => organisationApi.members(orgId), orgId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [status, setStatus] = useState('');
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setLoaded(null);
    setError(null);
    try {
      const page = await auditApi.list(
        orgId,
        apiFilters(filtersFromParams(new URLSearchParams(filterKey))),
        undefined,
        PAGE_SIZE,
      );
      if (mine !== generation.current) return;
      setLoaded(page);
      setStatus(describeCount(page.items.length, page.nextCursor !== null, filterKey !== ''));
    } catch (err) {
      if (mine === generation.current) setError(err);
    }
  }, [orgId, filterKey]);

  useEffect(() => {
    void load();
  }, [load]);

  async function loadMore() {
    if (!loaded?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await auditApi.list(orgId, apiFilters(form), loaded.nextCursor, PAGE_SIZE);
      const items = [...loaded.items, ...page.items];
      setLoaded({ items, nextCursor: page.nextCursor });
      setStatus(`${page.items.length} older events added. Showing ${items.length} events.`);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeading title="Audit log">
        <p>
          Every change that matters in {organisation.organisationName}, newest first: who did it, what they
          did and when. Each event is chained to the one before, so a changed or deleted event shows up when
          you check the log.
        </p>
      </PageHeading>

      <VerifyPanel orgId={orgId} />

      <AuditFilterPanel
        initial={form}
        members={members.data?.items ?? []}
        onApply={(next) => setParams(paramsFromFilters(next))}
        onClear={() => setParams({})}
      />

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <p>
          <a href={auditApi.exportUrl(orgId, apiFilters(form))} download>
            Download {filterKey ? 'these events' : 'all events'} as a spreadsheet (CSV)
          </a>
        </p>
        <StatusMessage tone="info">{status}</StatusMessage>
        {error !== null && <LoadFailure what="the audit log" error={error} retry={() => void load()} />}
        {loaded === null && error === null && <Loading what="events" />}
        {loaded && loaded.items.length > 0 && <AuditTable events={loaded.items} />}
        {loaded?.nextCursor && (
          <button
            type="button"
            className="button button--secondary"
            disabled={loadingMore}
            onClick={() => void loadMore()}
          >
            {loadingMore ? 'Loading older events…' : 'Show older events'}
          </button>
        )}
      </section>
    </>
  );
}

function describeCount(count: number, more: boolean, filtered: boolean): string {
  if (count === 0) return filtered ? 'No events match these filters.' : 'No events yet.';
  const noun = count === 1 ? 'event' : 'events';
  const which = filtered ? ` that match${count === 1 ? 'es' : ''} these filters` : '';
  return `Showing the ${more ? 'latest ' : ''}${count} ${noun}${which}.`;
}
