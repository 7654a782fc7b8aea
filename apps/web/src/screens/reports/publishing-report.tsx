import { reportsApi, type PublishingGrouping, type PublishingReport } from '../../api/reports';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { TableScroller } from '../../components/table-scroller';
import { useApiData } from '../../components/use-api-data';
import { BarChart, type BarSeries } from './bar-chart';
import { publishedInWords } from './report-words';

const GROUPINGS: Array<{ groupBy: PublishingGrouping; title: string; column: string }> = [
  { groupBy: 'channel', title: 'Posts by channel', column: 'Channel' },
  { groupBy: 'week', title: 'Posts by week', column: 'Week' },
];

const SERIES: BarSeries[] = [
  { name: 'Published', tone: 'accent' },
  { name: 'Failed', tone: 'problem' },
  { name: 'Missed', tone: 'muted' },
];

/** Posts published, failed and missed in the chosen period, by channel and by week: a chart, then the table. */
export function PublishingReportSection({
  orgId,
  from,
  to,
  period,
  periodKey,
}: {
  orgId: string;
  from: Date;
  to: Date;
  period: string;
  periodKey: string;
}) {
  const report = useApiData(
    async () => Promise.all(GROUPINGS.map((g) => reportsApi.publishing(orgId, from, to, g.groupBy))),
    `${orgId}:${periodKey}`,
  );
  return (
    <section aria-labelledby="report-publishing">
      <h2 id="report-publishing">Publishing</h2>
      <p>
        Posts that went out, that failed (they wait for someone to retry them) and that were missed (they were
        due while publishing could not run), counted when that happened.
      </p>
      {report.error !== null && report.data === undefined && (
        <LoadFailure what="the publishing report" error={report.error} retry={() => void report.reload()} />
      )}
      {report.data === undefined && report.loading && <Loading what="the publishing report" />}
      <div aria-live="polite" aria-busy={report.loading}>
        {report.data &&
          GROUPINGS.map((g, index) => (
            <PublishingTable key={g.groupBy} grouping={g} data={report.data![index]} period={period} />
          ))}
      </div>
    </section>
  );
}

function PublishingTable({
  grouping,
  data,
  period,
}: {
  grouping: (typeof GROUPINGS)[number];
  data: PublishingReport;
  period: string;
}) {
  const headingId = `publishing-${grouping.groupBy}`;
  const what = grouping.title.toLowerCase();
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{grouping.title}</h3>
      {data.rows.length === 0 ? (
        <p>No posts went out, failed or were missed in {period}.</p>
      ) : (
        <>
          <BarChart
            title={`Chart: ${what}, published, failed and missed`}
            series={SERIES}
            rows={data.rows.map((row) => ({
              key: row.key,
              label: row.label,
              values: [row.published, row.failed, row.missed],
              inWords: publishedInWords(row),
            }))}
          />
          <TableScroller label={`Publishing ${what}`}>
            <table className="table" data-testid={`publishing-${grouping.groupBy}`}>
              <caption className="visually-hidden">
                Posts published, failed and missed {grouping.title.replace(/^Posts /, '')}, in {period}
                {grouping.groupBy === 'week' ? ` (weeks from Monday, ${data.timeZone} time)` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{grouping.column}</th>
                  <th scope="col">Published</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Missed</th>
                  <th scope="col">Publishing attempts</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td>{row.published}</td>
                    <td>{row.failed}</td>
                    <td>{row.missed}</td>
                    <td>{row.attempts}</td>
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
