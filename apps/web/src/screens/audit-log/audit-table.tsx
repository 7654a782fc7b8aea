import type { AuditEvent } from '../../api/types';
import { auditActionLabel, formatDateTime } from '../../components/format';
import { TableScroller } from '../../components/table-scroller';
import { describeSummary } from './describe-summary';
import { useOrganisationDetails } from '../../session/organisation-context';

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { timeZone } = useOrganisationDetails();
  return (
    <TableScroller label="Audit events">
      <table className="table">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What happened</th>
            <th scope="col">Details</th>
            <th scope="col">Event number</th>
            <th scope="col">From IP address</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.createdAt, timeZone)}</td>
              <td>{e.actor?.label || 'Outside In'}</td>
              <th scope="row">{auditActionLabel(e.action)}</th>
              <td>{describeSummary(e.summary, timeZone)}</td>
              <td>{e.seq}</td>
              <td>{e.ip ?? 'Not recorded'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
