import type { ReactNode } from 'react';

/**
 * Wide tables scroll sideways inside this box at narrow widths (320 px, 400% zoom) instead of making the whole
 * page scroll; it can take focus so keyboard users can scroll it too.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroller" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
