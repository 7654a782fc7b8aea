import { useState } from 'react';

/** Blurs a message that matches the organisation's abuse list until a person chooses to read it. */
export function AbuseShield({ text, compact = false }: { text: string; compact?: boolean }) {
  const [shown, setShown] = useState(false);
  if (shown) return <span className="inbox__abusive-shown">{text}</span>;
  return (
    <span className="inbox__abuse">
      This message may contain abuse.{' '}
      <button
        type="button"
        className={compact ? 'link-button' : 'button button--secondary'}
        onClick={(event) => {
          event.stopPropagation();
          setShown(true);
        }}
      >
        Show it
      </button>
    </span>
  );
}
