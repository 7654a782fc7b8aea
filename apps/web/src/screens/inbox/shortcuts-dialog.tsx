import { useEffect, useRef } from 'react';

export const SHORTCUTS: [key: string, what: string][] = [
  ['j', 'Next conversation'],
  ['k', 'Previous conversation'],
  ['a', 'Assign the conversation to me'],
  ['e', 'Close the conversation'],
  ['s', 'Snooze the conversation until 9am tomorrow'],
  ['r', 'Write a reply'],
  ['?', 'Show these shortcuts'],
];

/** The list of keyboard shortcuts, in a modal dialog (Escape or the button closes it). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby="shortcuts-heading" className="inbox__shortcuts" onClose={onClose}>
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <p>These work when you are not typing in a box. Each has a button too.</p>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key} className="inbox__shortcut">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
