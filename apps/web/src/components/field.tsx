import { useId, useState, type ChangeEvent, type ReactNode } from 'react';

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint and error in a fixed order, tied to the control by id so screen readers read all three. */
function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'url';
  autoComplete?: string;
  required?: boolean;
  readOnly?: boolean;
  spellCheck?: boolean;
  inputMode?: 'text' | 'email';
  width?: 'full' | 'medium' | 'short';
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, hint, error, type = 'text', width = 'full' } = props;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          name={id}
          className={`input input--${width}`}
          type={type}
          value={value}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete={props.autoComplete}
          required={props.required}
          readOnly={props.readOnly}
          spellCheck={props.spellCheck}
          inputMode={props.inputMode}
        />
      )}
    </FieldShell>
  );
}

/** A password field with a "Show password" switch, so people can check what they typed (WCAG 3.3.7/3.3.8). */
export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const [shown, setShown] = useState(false);
  const toggleId = useId();
  return (
    <div className="password-field">
      <TextField {...props} type={shown ? 'text' : 'password'} spellCheck={false} />
      <div className="checkbox">
        <input id={toggleId} type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        <label htmlFor={toggleId}>Show password</label>
      </div>
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
}

export function SelectField({ id, label, value, options, onChange, hint, error }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          name={id}
          className="select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
