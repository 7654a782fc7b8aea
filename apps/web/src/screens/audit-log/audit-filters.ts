import type { AuditFilters } from '../../api/types';

/** The filters as typed in the form; dates are calendar days (YYYY-MM-DD) from date inputs. */
export interface AuditFilterForm {
  action: string;
  actorUserId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTERS: AuditFilterForm = { action: '', actorUserId: '', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromParams(params: URLSearchParams): AuditFilterForm {
  return {
    action: params.get('action') ?? '',
    actorUserId: params.get('actorUserId') ?? '',
    from: DAY.test(params.get('from') ?? '') ? (params.get('from') as string) : '',
    to: DAY.test(params.get('to') ?? '') ? (params.get('to') as string) : '',
  };
}

export function paramsFromFilters(form: AuditFilterForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) if (value) out[key] = value;
  return out;
}

/**
 * Turns calendar days into the instants the API filters on: "from" is the start of that day and "to" the end
 * of it, both in the browser's time zone, so "to 3 March" includes everything on 3 March.
 */
export function apiFilters(form: AuditFilterForm): AuditFilters {
  return {
    action: form.action || undefined,
    actorUserId: form.actorUserId || undefined,
    from: DAY.test(form.from) ? new Date(`${form.from}T00:00:00`).toISOString() : undefined,
    to: DAY.test(form.to) ? new Date(`${form.to}T23:59:59.999`).toISOString() : undefined,
  };
}

/** A problem with the dates, in words, or undefined when they make sense. */
export function dateProblem(form: AuditFilterForm): string | undefined {
  if (form.from && form.to && form.from > form.to)
    return 'The “to” date must be the same as or after the “from” date.';
  return undefined;
}
