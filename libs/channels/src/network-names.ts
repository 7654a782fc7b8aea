/** Networks as people name them, for messages and screens. */
export const NETWORK_NAMES: Readonly<Record<string, string>> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};

export function networkName(network: string): string {
  return NETWORK_NAMES[network] ?? network;
}
