import { useState } from 'react';
import { reportsApi, type ReportGrouping, type ResponseTimes } from '../../api/reports';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { useSignedIn } from '../../session/session-context';
import { BarChart } from './bar-chart';
import { PublishingReportSection } from './publishing-report';
import { durationInWords, PERIODS, shareInWords } from './report-words';

const GROUPINGS: Array<{ groupBy: ReportGrouping; title: string; column: string }> = [
  { groupBy: 'channel', title: 'By channel', column: 'Channel' },
  { groupBy: 'assignee', title: 'By person', column: 'Person (assigned)' },
  { groupBy: 'week', title: 'By week', column: 'Week' },
  { groupBy: 'language', title: 'By language', column: 'Language' },
];

/**
 * How quickly the team answers people: first response and time to close, per channel, person, week and
 * language, for a period chosen at the top. The office-hours figures count only the hours the office is open
 * (nights, weekends and bank holidays do not count), the clock figures every hour. Figures are in words.
 */
export function ReportsScreen() {
  const { organisation } = useSignedIn();
  const orgId = organisation.organisationId;
  const [days, setDays] = useState<string>('28');
  const [shownAt] = useState(() => Date.now());
  const to = new Date(shownAt);
  const from = new Date(shownAt - Number(days) * 86_400_000);
  const report = useApiData(
    async () => Promise.all(GROUPINGS.map((g) => reportsApi.responseTimes(orgId, from, to, g.groupBy))),
    `${orgId}:${days}`,
  );
  const period = PERIODS.find((p) => p.value === days)?.label.toLowerCase() ?? '';
  return (
    <>
      <PageHeading title="Reports">
        <p>
          How quickly your team answers people who write to you, how long conversations stay open, and how
          many posts went out. Each chart is followed by a table with the same figures.
        </p>
      </PageHeading>
      <div className="field">
        <label className="field__label" htmlFor="report-period">
          Report period
        </label>
        <select
          id="report-period"
          className="input"
          value={days}
          onChange={(event) => setDays(event.target.value)}
        >
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <section aria-labelledby="report-response-times">
        <h2 id="report-response-times">Response times</h2>
        <p>
          For conversations started in the period. “Office hours” figures count only the time your office is
          open (Settings, Office hours): nights, weekends and bank holidays do not count. “Clock time” counts
          every hour. Automatic out-of-hours replies are not counted as answers.
        </p>
        {report.error !== null && report.data === undefined && (
          <LoadFailure what="the report" error={report.error} retry={() => void report.reload()} />
        )}
        {report.data === undefined && report.loading && <Loading what="the report" />}
        <div aria-live="polite" aria-busy={report.loading}>
          {report.data &&
            GROUPINGS.map((g, index) => (
              <ReportTable key={g.groupBy} grouping={g} data={report.data![index]} period={period} />
            ))}
        </div>
      </section>
      <PublishingReportSection orgId={orgId} from={from} to={to} period={period} periodKey={days} />
    </>
  );
}

function ReportTable({
  grouping,
  data,
  period,
}: {
  grouping: (typeof GROUPINGS)[number];
  data: ResponseTimes;
  period: string;
}) {
  const headingId = `report-${grouping.groupBy}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{grouping.title}</h3>
      {data.rows.length === 0 ? (
        <p>No conversations from the public started in {period}.</p>
      ) : (
        <>
          <BarChart
            title="Chart: typical first response, office hours"
            series={[{ name: 'Typical first response, office hours', tone: 'accent' }]}
            rows={data.rows.map((row) => ({
              key: row.key ?? 'none',
              label: row.label,
              values: [row.medianFirstResponseOfficeSeconds ?? 0],
              inWords: durationInWords(row.medianFirstResponseOfficeSeconds),
            }))}
          />
          <TableScroller label={`Response times ${grouping.title.toLowerCase()}`}>
            <table className="table" data-testid={`report-${grouping.groupBy}`}>
              <caption className="visually-hidden">
                First response and time to close {grouping.title.toLowerCase()}, for conversations started in{' '}
                {period}
                {grouping.groupBy === 'week' ? ` (weeks from Monday, ${data.timeZone} time)` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{grouping.column}</th>
                  <th scope="col">Conversations</th>
                  <th scope="col">Answered</th>
                  <th scope="col">Typical first response, office hours</th>
                  <th scope="col">Typical first response, clock time</th>
                  <th scope="col">9 in 10 answered within, office hours</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Typical time to close, office hours</th>
                  <th scope="col">Typical time to close, clock time</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.key ?? 'none'}>
                    <th scope="row">{row.label}</th>
                    <td>{row.conversations}</td>
                    <td>{shareInWords(row.answered, row.conversations)}</td>
                    <td>{durationInWords(row.medianFirstResponseOfficeSeconds)}</td>
                    <td>{durationInWords(row.medianFirstResponseSeconds)}</td>
                    <td>{durationInWords(row.p90FirstResponseOfficeSeconds)}</td>
                    <td>{shareInWords(row.resolved, row.conversations)}</td>
                    <td>{durationInWords(row.medianResolutionOfficeSeconds)}</td>
                    <td>{durationInWords(row.medianResolutionSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </>
      )}
    </section>
  );
}

export const REPORTS_ROUTE = { path: 'reports', element: <ReportsScreen /> };
