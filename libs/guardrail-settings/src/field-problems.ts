import { FieldProblem, InvalidInputError } from '@outside-in/common';

/** Throws one 400 listing every problem found, or does nothing when there are none. */
export function assertNoProblems(problems: FieldProblem[], what: string): void {
  if (problems.length === 0) return;
  const fields = [...new Set(problems.map((p) => p.field))];
  throw new InvalidInputError(
    `${what} could not be saved. Please correct ${fields.length === 1 ? 'this field' : 'these fields'}: ${fields.join(', ')}.`,
    problems,
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Trimmed, without blanks, each kept once (compared without case), in the order first given. */
export function cleanList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.replace(/\s+/g, ' ').trim();
    const key = value.toLowerCase();
    if (!value || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}
