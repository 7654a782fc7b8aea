/** class-transformer functions shared by the request DTOs. */
type TransformInput = { value: unknown };

/** Leading and trailing spaces are never meant: "  Sam " is "Sam". */
export const trim = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Emails are compared and stored trimmed and lower-cased. */
export const normaliseEmail = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
