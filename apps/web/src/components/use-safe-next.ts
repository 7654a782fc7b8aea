import { useSearchParams } from 'react-router-dom';

/** Where to go after signing in: only paths inside this app, never another site (an open redirect). */
export function useSafeNext(fallback = '/'): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return fallback;
}
