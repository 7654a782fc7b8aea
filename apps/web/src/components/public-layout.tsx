import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';

/** The frame for screens seen before signing in: a plain top bar and one narrow column. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="public-layout">
      <SkipLink />
      <header className="top-bar">
        <Link to="/" className="top-bar__brand">
          Outside In
        </Link>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="public-layout__main">
        {children}
      </main>
    </div>
  );
}
