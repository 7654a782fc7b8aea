import { useEffect, useId, useRef } from 'react';
import { ApiError } from '../api/client';

interface ErrorSummaryProps {
  error: unknown;
  /** Maps an API field name to the id of its control, so each problem links to the field. */
  fieldIds?: Record<string, string>;
  title?: string;
}

/** Converts anything thrown into a sentence; ApiError already carries one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong in this page. Reload it and try again.';
}

/**
 * Shown at the top of a form when the API says no. It takes focus (and role="alert" announces it), so
 * keyboard and screen reader users learn at once what went wrong; each field problem links to its field.
 */
export function ErrorSummary({ error, fieldIds = {}, title = 'There is a problem' }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problems = error instanceof ApiError ? error.fieldProblems : [];
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 className="error-summary__title" id={titleId}>
        {title}
      </h2>
      <p>{messageOf(error)}</p>
      {problems.length > 0 && (
        <ul className="error-summary__list">
          {problems.map((p) => {
            const target = fieldIds[p.field];
            return (
              <li key={`${p.field}-${p.problem}`}>
                {target ? (
                  <a
                    href={`#${target}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(target)?.focus();
                    }}
                  >
                    {p.problem}
                  </a>
                ) : (
                  p.problem
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
