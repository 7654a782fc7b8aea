import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After an in-app navigation, move focus to the new screen's h1: screen reader users hear where they are, and
 * keyboard users continue from the top of the new content instead of from a link that may no longer exist.
 * The first load is left alone so that the skip link stays the first thing Tab reaches.
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
  }, [pathname]);
  return null;
}
