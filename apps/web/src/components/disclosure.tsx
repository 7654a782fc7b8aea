import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface DisclosureProps {
  /** What the button says; keep it short, it sits in the top bar. */
  buttonContent: ReactNode;
  buttonLabel?: string;
  children: (close: () => void) => ReactNode;
  className?: string;
}

/**
 * A button that shows and hides a panel (the disclosure pattern, simpler and sturdier than an ARIA menu).
 * Escape closes it and returns focus to the button; moving focus or clicking elsewhere closes it too.
 */
export function Disclosure({ buttonContent, buttonLabel, children, className }: DisclosureProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointer(e: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div
      className={`disclosure ${className ?? ''}`}
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="disclosure__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={buttonLabel}
        onClick={() => setOpen((v) => !v)}
      >
        {buttonContent}
        <span aria-hidden="true" className="disclosure__chevron">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div id={panelId} className="disclosure__panel" hidden={!open}>
        {open && children(() => setOpen(false))}
      </div>
    </div>
  );
}
