import type { Channel, ChannelStatus } from '../../api/types';

/** "X @cardiffcouncil": how a channel is named in every sentence, so people can tell channels apart. */
export function channelName(channel: Pick<Channel, 'networkName' | 'handle'>): string {
  return `${channel.networkName} ${atHandle(channel.handle)}`;
}

/** Handles are written with one leading @, whether or not the network stores it. */
export function atHandle(handle: string): string {
  return handle.startsWith('@') ? handle : `@${handle}`;
}

/** Lists names as people write them: "X", "X and Facebook", "X, Facebook and Mastodon". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The one question asked before disconnecting, naming exactly what will happen (UI.md principle 2). */
export function disconnectQuestion(channel: Channel): string {
  return `Disconnect ${channelName(channel)}? Scheduled posts to it will not publish until you connect it again. Its history is kept.`;
}

/** Announced after "Add practice channels". */
export function practiceAddedMessage(created: number, channels: Channel[]): string {
  if (created === 0) return 'Your practice channels are already here, so nothing was added.';
  // The answer may hold only the new channels or every channel: name them only when we can tell which.
  const practice = channels.filter((c) => c.practice);
  const names = practice.length === created ? `: ${listInWords(practice.map(channelName))}` : '';
  return `Added ${plural(created, 'practice channel', 'practice channels')}${names}. Posts to practice channels go to the sandbox, not the real networks.`;
}

/** The banner sentence, or null when every channel is working. Disconnected channels were left on purpose. */
export function reconnectBannerText(channels: Channel[]): string | null {
  const waiting = channels.filter((c) => c.status === 'needs_reconnect');
  if (waiting.length === 0) return null;
  const verb = waiting.length === 1 ? 'needs' : 'need';
  return `${plural(waiting.length, 'channel', 'channels')} ${verb} reconnecting: ${listInWords(waiting.map(channelName))}.`;
}

/** Icons accompany the words, never replace them; the words come from the API (statusText). */
export const STATUS_ICONS: Record<ChannelStatus, string> = {
  connected: '✓',
  needs_reconnect: '⚠',
  disabled: '⊘',
};

/** What the network sent back to /channels after consent, read once and then taken off the address. */
export type ConnectReturn =
  | { kind: 'connected'; count: number }
  | { kind: 'choose'; attemptId: string }
  | { kind: 'error'; message: string }
  | null;

export function readConnectReturn(search: string): ConnectReturn {
  const params = new URLSearchParams(search);
  const error = params.get('connectError');
  if (error !== null) {
    return {
      kind: 'error',
      message: error.trim() || 'The channel was not connected. Try again, or ask an admin for help.',
    };
  }
  const choose = params.get('choose');
  if (choose) return { kind: 'choose', attemptId: choose };
  const connected = params.get('connected');
  if (connected !== null) {
    const count = Number.parseInt(connected, 10);
    return { kind: 'connected', count: Number.isFinite(count) && count >= 0 ? count : 0 };
  }
  return null;
}

/** The organisation the connection was started in (`org`), when the address names one. */
export function returnOrganisation(search: string): string | null {
  return new URLSearchParams(search).get('org') || null;
}

/** The address without the connect-return parameters, keeping anything else that was there. */
export function withoutConnectReturn(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of ['org', 'connected', 'choose', 'connectError']) params.delete(key);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

export function connectedMessage(count: number): string {
  if (count === 0) return 'No new channels were connected. The accounts you chose may already be here.';
  return `Connected ${plural(count, 'channel', 'channels')}. ${count === 1 ? 'It is' : 'They are'} in the list below.`;
}

/** Only owners and admins connect, check and disconnect channels; everyone else sees the list. */
export function canManageChannels(role: string): boolean {
  return role === 'owner' || role === 'admin';
}
