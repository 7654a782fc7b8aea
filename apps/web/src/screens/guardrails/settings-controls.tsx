import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { canManageMembers, useSignedIn } from '../../session/session-context';

/** Owners and admins change guardrail settings; everyone else reads them. */
export function useCanEditSettings(): boolean {
  return canManageMembers(useSignedIn().organisation);
}

export function ReadOnlyNotice({ what }: { what: string }) {
  return (
    <div className="notice">
      <p>You can read {what}, but only owners and admins can change them.</p>
    </div>
  );
}

interface ProblemProps {
  id: string;
  error?: string;
}

function ErrorLine({ id, error }: ProblemProps) {
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  );
}

function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

interface TextAreaFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  rows?: number;
  readOnly?: boolean;
  spellCheck?: boolean;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, value, onChange, hint, error, rows = 6, readOnly } = props;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorLine id={id} error={error} />
      <textarea
        id={id}
        name={id}
        className="gr-textarea"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={readOnly}
        spellCheck={props.spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}

export function CheckboxField({ id, label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  return (
    <div className="gr-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>
        {label}
        {hint && (
          <span className="gr-check__hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

interface RadioOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

interface RadioGroupProps {
  name: string;
  legend: ReactNode;
  value: string;
  options: RadioOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

export function RadioGroup({ name, legend, value, options, onChange, disabled, error }: RadioGroupProps) {
  return (
    <fieldset
      className={`gr-fieldset gr-fieldset--plain ${error ? 'field--error' : ''}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <ErrorLine id={name} error={error} />
      {options.map((o) => (
        <div className="gr-check" key={o.value}>
          <input
            id={`${name}-${o.value}`}
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={disabled}
            onChange={() => onChange(o.value)}
            aria-describedby={o.hint ? `${name}-${o.value}-hint` : undefined}
          />
          <label htmlFor={`${name}-${o.value}`}>
            {o.label}
            {o.hint && (
              <span className="gr-check__hint" id={`${name}-${o.value}-hint`}>
                {o.hint}
              </span>
            )}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Problems the API named under a field or any of its parts (weekly.monday covers weekly.monday.0.open). */
export function problemsUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.fieldProblems.filter((p) => p.field === prefix || p.field.startsWith(`${prefix}.`));
  return found.length ? [...new Set(found.map((p) => p.problem))].join(' ') : undefined;
}

/**
 * Saving a settings form: the error for the summary and the fields, a busy flag, and the saved message for the
 * page's live region (StatusMessage), so that saving is announced.
 */
export function useSave<T>(save: () => Promise<T>, savedMessage: string, onSaved?: (value: T) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const saveRef = useRef(save);
  saveRef.current = save;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const submit = useCallback(
    async (e?: FormEvent) => {
      e?.preventDefault();
      setBusy(true);
      setError(null);
      setStatus('');
      try {
        const value = await saveRef.current();
        onSavedRef.current?.(value);
        setStatus(savedMessage);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
    [savedMessage],
  );
  const problem = (field: string) => problemsUnder(error, field);
  return { error, busy, status, submit, problem, setStatus };
}

/** One line per entry, blanks dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
