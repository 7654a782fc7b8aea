import type { ReactNode } from 'react';

/**
 * A polite live region that is always in the page, so that a message put into it later is announced
 * (regions added together with their text are often missed by screen readers).
 */
export function StatusMessage({
  children,
  tone = 'success',
}: {
  children?: ReactNode;
  tone?: 'success' | 'info';
}) {
  return (
    <div role="status" className={children ? `status status--${tone}` : 'status status--empty'}>
      {children}
    </div>
  );
}
