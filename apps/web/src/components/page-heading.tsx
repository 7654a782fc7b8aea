import { useEffect, type ReactNode } from 'react';

const PRODUCT = 'Outside In';

/** Sets the tab title, so each screen is named in the browser's history and by screen readers. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – ${PRODUCT}`;
  }, [title]);
}

/**
 * The screen's one h1. It can take focus (tabIndex -1) because the router moves focus to it after
 * each navigation, which tells screen reader users where they have arrived.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children && <div className="page-heading__lead">{children}</div>}
    </div>
  );
}
