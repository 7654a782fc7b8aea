import { apiRequest, queryString } from './client';

/**
 * Reports (issues 6 and 7). Its own route table, as inbox.ts and posts.ts have, so each area's client stays
 * small; test/browser/reports.e2e-spec.ts checks every route here against the OpenAPI document.
 */
export const REPORTS_ROUTES = {
  inboxResponseTimes: ['GET', '/api/orgs/{orgId}/inbox/reports/response-times'],
} as const satisfies Record<string, readonly ['GET', string]>;

export const REPORT_GROUPINGS = ['channel', 'assignee', 'week', 'language'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export interface ResponseTimesRow {
  key: string | null;
  /** In words: the channel handle, the person, "Week of 2 March 2026", the language. */
  label: string;
  conversations: number;
  answered: number;
  resolved: number;
  medianFirstResponseSeconds: number | null;
  p90FirstResponseSeconds: number | null;
  medianFirstResponseOfficeSeconds: number | null;
  p90FirstResponseOfficeSeconds: number | null;
  medianResolutionSeconds: number | null;
  medianResolutionOfficeSeconds: number | null;
}

export interface ResponseTimes {
  groupBy: ReportGrouping;
  timeZone: string;
  rows: ResponseTimesRow[];
}

export const reportsApi = {
  responseTimes: (orgId: string, from: Date, to: Date, groupBy: ReportGrouping) =>
    apiRequest<ResponseTimes>(
      'GET',
      `${REPORTS_ROUTES.inboxResponseTimes[1].replace('{orgId}', encodeURIComponent(orgId))}${queryString({
        from: from.toISOString(),
        to: to.toISOString(),
        groupBy,
      })}`,
    ),
};
