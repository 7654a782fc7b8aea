import { networkName } from '@outside-in/channels';
import { formatInZone } from '@outside-in/guardrails';
import type { Channel } from '@outside-in/database';
import type { ChannelView } from './channel.dto';

/** The status in words: what it is, why, and what to do. */
export function statusText(channel: Channel, timeZone: string): string {
  const name = networkName(channel.network);
  switch (channel.status) {
    case 'connected':
      return channel.practice ? 'Connected (practice channel on the sandbox)' : 'Connected';
    case 'needs_reconnect': {
      const since = channel.lastErrorAt ? ` since ${formatInZone(channel.lastErrorAt, timeZone)}` : '';
      const reason = channel.lastError ?? `${name} no longer accepts the channel’s access.`;
      const sentence = /[.!?]$/.test(reason.trim()) ? reason.trim() : `${reason.trim()}.`;
      const todo = /reconnect/i.test(reason) ? '' : ' Reconnect it to post and receive messages again.';
      return `Needs reconnecting${since}: ${sentence}${todo}`;
    }
    case 'disabled': {
      const when = channel.disconnectedAt ? ` on ${formatInZone(channel.disconnectedAt, timeZone)}` : '';
      return `Disconnected${when}. Its history is kept; connect it again to use it.`;
    }
  }
}

export function toChannelView(
  channel: Channel,
  timeZone: string,
  connectedBy: { id: string; name: string } | null,
): ChannelView {
  return {
    id: channel.id,
    network: channel.network,
    networkName: networkName(channel.network),
    practice: channel.practice,
    handle: channel.handle,
    displayName: channel.displayName,
    profileUrl: channel.profileUrl,
    status: channel.status,
    statusText: statusText(channel, timeZone),
    lastError: channel.lastError,
    lastErrorAt: channel.lastErrorAt,
    lastActivityAt: channel.lastActivityAt,
    connectedAt: channel.connectedAt,
    connectedBy,
    credentialsExpireAt: channel.credentialsExpireAt,
    webhookState: channel.webhookState,
    webhookProblem: channel.webhookProblem,
  };
}
