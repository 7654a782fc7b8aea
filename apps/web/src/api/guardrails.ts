import { apiRequest, queryString } from './client';
import type { Role } from './types';

/**
 * The guardrail settings API (issue 7): office hours, quiet periods, safeguarding, retention and the writing
 * coach. Kept apart from routes.ts so that each area's client is small; the browser test
 * guardrail-settings.e2e-spec.ts checks every route here against the OpenAPI document.
 */
export const GUARDRAIL_ROUTES = {
  officeHours: ['GET', '/api/orgs/{orgId}/settings/office-hours'],
  saveOfficeHours: ['PUT', '/api/orgs/{orgId}/settings/office-hours'],
  officeStatus: ['GET', '/api/orgs/{orgId}/settings/office-hours/status'],
  quietPeriods: ['GET', '/api/orgs/{orgId}/settings/quiet-periods'],
  addQuietPeriod: ['POST', '/api/orgs/{orgId}/settings/quiet-periods'],
  activeQuietPeriod: ['GET', '/api/orgs/{orgId}/settings/quiet-periods/active'],
  quietPeriod: ['GET', '/api/orgs/{orgId}/settings/quiet-periods/{quietPeriodId}'],
  saveQuietPeriod: ['PUT', '/api/orgs/{orgId}/settings/quiet-periods/{quietPeriodId}'],
  deleteQuietPeriod: ['DELETE', '/api/orgs/{orgId}/settings/quiet-periods/{quietPeriodId}'],
  safeguarding: ['GET', '/api/orgs/{orgId}/settings/safeguarding'],
  saveSafeguarding: ['PUT', '/api/orgs/{orgId}/settings/safeguarding'],
  retention: ['GET', '/api/orgs/{orgId}/settings/retention'],
  saveRetention: ['PUT', '/api/orgs/{orgId}/settings/retention'],
  coachSettings: ['GET', '/api/orgs/{orgId}/settings/coach'],
  saveCoachSettings: ['PUT', '/api/orgs/{orgId}/settings/coach'],
  coach: ['POST', '/api/orgs/{orgId}/coach'],
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PUT' | 'DELETE', string]>;

export type GuardrailRouteName = keyof typeof GUARDRAIL_ROUTES;

function path(name: GuardrailRouteName, params: Record<string, string>): string {
  return GUARDRAIL_ROUTES[name][1].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Route ${name} needs ${key}`);
    return encodeURIComponent(value);
  });
}

function call<T>(name: GuardrailRouteName, params: Record<string, string>, body?: unknown, query = '') {
  return apiRequest<T>(GUARDRAIL_ROUTES[name][0], `${path(name, params)}${query}`, body);
}

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface OpeningInterval {
  open: string;
  close: string;
}

export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

export interface AutoReply {
  enabled: boolean;
  allChannels: boolean;
  channelIds: string[];
  text: string;
  welshText: string;
}

export interface OfficeHoursInput {
  weekly: Record<Weekday, OpeningInterval[]>;
  bankHolidayRegion: BankHolidayRegion | null;
  closedDates: string[];
  autoReply: AutoReply;
}

export interface OfficeHours extends OfficeHoursInput {
  timeZone: string;
  defaultAutoReplyText: string;
  defaultWelshAutoReplyText: string;
  updatedAt: string | null;
}

export interface OfficeStatus {
  at: string;
  timeZone: string;
  open: boolean;
  nextOpening: string | null;
  nextOpeningText: string | null;
  sentence: string;
}

export const APPROVER_ROLES = ['owner', 'admin', 'approver'] as const satisfies readonly Role[];

export interface QuietPeriodInput {
  name: string;
  startsOn: string;
  endsOn: string;
  channelIds: string[];
  approverRoles: Role[];
  candidateNames: string[];
  explainerTemplate: string;
}

export interface QuietPeriod extends QuietPeriodInput {
  id: string;
  startsAt: string;
  endsAt: string;
  datesText: string;
  createdAt: string;
  updatedAt: string;
}

export interface QuietPeriodList {
  items: QuietPeriod[];
  defaultExplainerTemplate: string;
  timeZone: string;
}

export interface ActiveQuietPeriod {
  period: QuietPeriod | null;
  banner: string | null;
}

export interface PhraseSet {
  /** Absent for a set not saved yet. */
  id?: string;
  name: string;
  enabled: boolean;
  phrases: string[];
}

export interface SafeguardingInput {
  phraseSets: PhraseSet[];
  notifyUserIds: string[];
  runbook: string;
  abusePhrases: string[];
}

export interface Safeguarding extends SafeguardingInput {
  defaultRunbook: string;
  updatedAt: string | null;
}

export interface Retention {
  keepMessagesForMonths: number | null;
  cutoff: string | null;
  sentence: string;
  updatedAt: string | null;
}

export type HintId =
  | 'reading-age'
  | 'long-sentence'
  | 'missing-alt-text'
  | 'camelcase-hashtag'
  | 'emoji-mid-sentence'
  | 'plain-word';

export interface CoachSettingsInput {
  mandatoryHints: HintId[];
  targetReadingAge: number;
}

export interface CoachSettings extends CoachSettingsInput {
  hintKinds: Array<{ id: HintId; label: string; description: string }>;
  updatedAt: string | null;
}

export interface CoachHint {
  id: HintId;
  severity: 'info' | 'advice';
  message: string;
  range?: { start: number; end: number };
  suggestion?: string;
  mediaIndex?: number;
  blocking: boolean;
}

export interface CoachAdvice {
  language: 'en' | 'cy' | 'gd' | 'unknown';
  languageDetected: boolean;
  hints: CoachHint[];
  blocking: CoachHint[];
}

export const guardrailApi = {
  officeHours: (orgId: string) => call<OfficeHours>('officeHours', { orgId }),
  saveOfficeHours: (orgId: string, input: OfficeHoursInput) =>
    call<OfficeHours>('saveOfficeHours', { orgId }, input),
  officeStatus: (orgId: string, at?: string) =>
    call<OfficeStatus>('officeStatus', { orgId }, undefined, queryString({ at })),
  quietPeriods: (orgId: string) => call<QuietPeriodList>('quietPeriods', { orgId }),
  addQuietPeriod: (orgId: string, input: QuietPeriodInput) =>
    call<QuietPeriod>('addQuietPeriod', { orgId }, input),
  saveQuietPeriod: (orgId: string, quietPeriodId: string, input: QuietPeriodInput) =>
    call<QuietPeriod>('saveQuietPeriod', { orgId, quietPeriodId }, input),
  deleteQuietPeriod: (orgId: string, quietPeriodId: string) =>
    call<void>('deleteQuietPeriod', { orgId, quietPeriodId }),
  activeQuietPeriod: (orgId: string) => call<ActiveQuietPeriod>('activeQuietPeriod', { orgId }),
  safeguarding: (orgId: string) => call<Safeguarding>('safeguarding', { orgId }),
  saveSafeguarding: (orgId: string, input: SafeguardingInput) =>
    call<Safeguarding>('saveSafeguarding', { orgId }, input),
  retention: (orgId: string) => call<Retention>('retention', { orgId }),
  saveRetention: (orgId: string, keepMessagesForMonths: number | null) =>
    call<Retention>('saveRetention', { orgId }, { keepMessagesForMonths }),
  coachSettings: (orgId: string) => call<CoachSettings>('coachSettings', { orgId }),
  saveCoachSettings: (orgId: string, input: CoachSettingsInput) =>
    call<CoachSettings>('saveCoachSettings', { orgId }, input),
  coach: (orgId: string, input: { text: string; media?: Array<{ altText?: string | null }> }) =>
    call<CoachAdvice>('coach', { orgId }, input),
};
