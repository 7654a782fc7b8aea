import type { Network } from '../../api/types';

/** A letter mark per network. Always beside the network's name, which says the same thing in words. */
const MARKS: Record<Network, string> = {
  x: 'X',
  facebook: 'f',
  instagram: 'IG',
  mastodon: 'M',
  bluesky: 'B',
};

export function NetworkIcon({ network }: { network: Network | string }) {
  const mark = (MARKS as Record<string, string>)[network] ?? network.charAt(0).toUpperCase();
  return (
    <span className={`network-icon network-icon--${network}`} aria-hidden="true">
      {mark}
    </span>
  );
}
