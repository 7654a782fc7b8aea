import { apiRequest, queryString } from './client';

/**
 * Reports (issues 6 and 7). Its own route table, as inbox.ts and posts.ts have, so each area's client stays
 * small; test/browser/reports.e2e-spec.ts checks every route here against the OpenAPI document.
 */
export const REPORTS_ROUTES = {
  inboxResponseTimes: ['GET', '/api/orgs/{orgId}/inbox/reports/response-times'],
  publishing: ['GET', '/api/orgs/{orgId}/reports/publishing'],
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

export const PUBLISHING_GROUPINGS = ['channel', 'week'] as const;
export type PublishingGrouping = (typeof PUBLISHING_GROUPINGS)[number];

export interface PublishingRow {
  key: string;
  /** In words: "Mastodon @council", "Week of 2 March 2026". */
  label: string;
  published: number;
  failed: number;
  missed: number;
  attempts: number;
}

export interface PublishingReport {
  groupBy: PublishingGrouping;
  timeZone: string;
  rows: PublishingRow[];
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
  publishing: (orgId: string, from: Date, to: Date, groupBy: PublishingGrouping) =>
    apiRequest<PublishingReport>(
      'GET',
      `${REPORTS_ROUTES.publishing[1].replace('{orgId}', encodeURIComponent(orgId))}${queryString({
        from: from.toISOString(),
        to: to.toISOString(),
        groupBy,
      })}`,
    ),
};
