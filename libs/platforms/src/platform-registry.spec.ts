import { PlatformRegistry } from './platform-registry';
import type { PlatformAdapter } from './port/platform-adapter';

function stubAdapter(network: PlatformAdapter['network']): PlatformAdapter {
  // Only `network` is read by the registry; the rest of the port is never called here.
  return { network } as PlatformAdapter;
}

describe('PlatformRegistry', () => {
  it('returns the adapter registered for a network', () => {
    const x = stubAdapter('x');
    const mastodon = stubAdapter('mastodon');
    const registry = new PlatformRegistry([x, mastodon]);
    expect(registry.get('x')).toBe(x);
    expect(registry.get('mastodon')).toBe(mastodon);
    expect(registry.networks()).toEqual(['x', 'mastodon']);
    expect(registry.has('x')).toBe(true);
    expect(registry.has('bluesky')).toBe(false);
  });

  it('names a network without an adapter, and the ones it has', () => {
    const registry = new PlatformRegistry([stubAdapter('x')]);
    expect(() => registry.get('bluesky')).toThrow(
      'No platform adapter is registered for "bluesky" (registered: x).',
    );
  });

  it('refuses an unknown network with the list of known ones', () => {
    const registry = new PlatformRegistry([]);
    expect(() => registry.get('myspace')).toThrow(
      'Unknown network "myspace": expected one of x, facebook, instagram, mastodon, bluesky.',
    );
    expect(registry.has('myspace')).toBe(false);
  });

  it('refuses two adapters for one network', () => {
    expect(() => new PlatformRegistry([stubAdapter('x'), stubAdapter('x')])).toThrow(
      'Two platform adapters were given for the network "x": give one.',
    );
  });
});
