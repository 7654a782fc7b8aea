import { useSearchParams } from 'react-router-dom';

/** Only paths inside this app are followed after signing in, never another site (an open redirect). */
export function safeNextPath(next: string | null, fallback = '/'): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return fallback;
}

/** Where to go after signing in, from the ?next= parameter. */
export function useSafeNext(fallback = '/'): string {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'), fallback);
}
