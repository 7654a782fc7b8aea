import { useEffect, useId, useRef, useState } from 'react';

/**
 * Asks for the reason a consequential action needs, after saying exactly what will happen. The reason is
 * required; the safe choice ("Keep it") is as easy as going on. Focus moves to the reason and comes back to
 * the button that opened it when the person keeps things as they are.
 */
export function ReasonForm({
  what,
  label,
  confirm,
  keep,
  busy,
  onConfirm,
  onKeep,
}: {
  /** The sentence that says what will happen. */
  what: string;
  label: string;
  confirm: string;
  keep: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onKeep: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <form
      className="inbox__reason"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setMissing(true);
          box.current?.focus();
          return;
        }
        onConfirm(reason.trim());
      }}
    >
      <p id={`${id}-what`}>{what}</p>
      <label htmlFor={`${id}-reason`}>{label}</label>
      {missing && (
        <p className="field__error" id={`${id}-error`}>
          Write the reason first: it is kept with the record.
        </p>
      )}
      <textarea
        id={`${id}-reason`}
        ref={box}
        rows={2}
        value={reason}
        aria-describedby={`${id}-what${missing ? ` ${id}-error` : ''}`}
        aria-invalid={missing || undefined}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="inbox__actions">
        <button type="submit" className="button" disabled={busy}>
          {confirm}
        </button>
        <button type="button" className="button button--secondary" onClick={onKeep}>
          {keep}
        </button>
      </div>
    </form>
  );
}
