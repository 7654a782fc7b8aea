import type { Channel } from '../../api/types';
import {
  canManageChannels,
  channelName,
  connectedMessage,
  disconnectQuestion,
  listInWords,
  practiceAddedMessage,
  readConnectReturn,
  returnOrganisation,
  reconnectBannerText,
  withoutConnectReturn,
} from './channel-words';

function channel(overrides: Partial<Channel> = {}): Channel {
  return {
    id: 'c1',
    network: 'x',
    networkName: 'X',
    practice: false,
    handle: 'cardiffcouncil',
    displayName: 'Cardiff Council',
    profileUrl: null,
    status: 'connected',
    statusText: 'Connected',
    lastError: null,
    lastErrorAt: null,
    lastActivityAt: null,
    connectedAt: '2026-03-03T10:00:00.000Z',
    connectedBy: null,
    credentialsExpireAt: null,
    webhookState: null,
    webhookProblem: null,
    ...overrides,
  };
}

describe('channel names in sentences', () => {
  it('writes the network and the handle with one @', () => {
    expect(channelName(channel())).toBe('X @cardiffcouncil');
    expect(channelName(channel({ handle: '@cardiffcouncil' }))).toBe('X @cardiffcouncil');
    expect(channelName(channel({ networkName: 'Mastodon', handle: 'council@mastodon.social' }))).toBe(
      'Mastodon @council@mastodon.social',
    );
  });

  it('lists names as people write them', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['X'])).toBe('X');
    expect(listInWords(['X', 'Facebook'])).toBe('X and Facebook');
    expect(listInWords(['X', 'Facebook', 'Mastodon'])).toBe('X, Facebook and Mastodon');
  });

  it('asks before disconnecting, naming the channel and what will happen', () => {
    expect(disconnectQuestion(channel())).toBe(
      'Disconnect X @cardiffcouncil? Scheduled posts to it will not publish until you connect it again. Its history is kept.',
    );
  });
});

describe('practiceAddedMessage', () => {
  const practice = [
    channel({ id: 'p1', practice: true, handle: 'practice_x' }),
    channel({
      id: 'p2',
      practice: true,
      network: 'bluesky',
      networkName: 'Bluesky',
      handle: 'practice.bsky',
    }),
  ];

  it('names the channels it added', () => {
    expect(practiceAddedMessage(2, practice)).toBe(
      'Added 2 practice channels: X @practice_x and Bluesky @practice.bsky. Posts to practice channels go to the sandbox, not the real networks.',
    );
  });

  it('leaves the names out when it cannot tell which ones are new', () => {
    expect(practiceAddedMessage(1, practice)).toBe(
      'Added 1 practice channel. Posts to practice channels go to the sandbox, not the real networks.',
    );
  });

  it('says so when nothing was added', () => {
    expect(practiceAddedMessage(0, practice)).toBe(
      'Your practice channels are already here, so nothing was added.',
    );
  });
});

describe('reconnectBannerText', () => {
  it('is silent when every channel works, or was disconnected on purpose', () => {
    expect(reconnectBannerText([channel(), channel({ status: 'disabled' })])).toBeNull();
  });

  it('names each channel that needs reconnecting', () => {
    expect(reconnectBannerText([channel({ status: 'needs_reconnect' }), channel({ id: 'c2' })])).toBe(
      '1 channel needs reconnecting: X @cardiffcouncil.',
    );
    expect(
      reconnectBannerText([
        channel({ status: 'needs_reconnect' }),
        channel({ id: 'c2', status: 'needs_reconnect', networkName: 'Facebook', handle: 'CardiffCouncil' }),
      ]),
    ).toBe('2 channels need reconnecting: X @cardiffcouncil and Facebook @CardiffCouncil.');
  });
});

describe('the return from a network’s consent page', () => {
  it('reads what the API put on the address', () => {
    expect(readConnectReturn('?connected=2')).toEqual({ kind: 'connected', count: 2 });
    expect(readConnectReturn('?choose=a1b2')).toEqual({ kind: 'choose', attemptId: 'a1b2' });
    expect(readConnectReturn('?connectError=Mastodon%20said%20no.')).toEqual({
      kind: 'error',
      message: 'Mastodon said no.',
    });
    expect(readConnectReturn('')).toBeNull();
    expect(readConnectReturn('?tab=other')).toBeNull();
  });

  it('knows which organisation the connection was started in', () => {
    expect(returnOrganisation('?org=o1&connected=1')).toBe('o1');
    expect(returnOrganisation('?connected=1')).toBeNull();
  });

  it('never shows an empty or nonsense message', () => {
    expect(readConnectReturn('?connectError=')).toEqual({
      kind: 'error',
      message: 'The channel was not connected. Try again, or ask an admin for help.',
    });
    expect(readConnectReturn('?connected=lots')).toEqual({ kind: 'connected', count: 0 });
    expect(connectedMessage(0)).toMatch(/No new channels were connected/);
    expect(connectedMessage(1)).toBe('Connected 1 channel. It is in the list below.');
    expect(connectedMessage(3)).toBe('Connected 3 channels. They are in the list below.');
  });

  it('takes only its own parameters off the address', () => {
    expect(withoutConnectReturn('?connected=1')).toBe('');
    expect(withoutConnectReturn('?org=o1&connected=1')).toBe('');
    expect(withoutConnectReturn('?connectError=x&tab=other')).toBe('?tab=other');
  });
});

describe('canManageChannels', () => {
  it('lets owners and admins change channels, and nobody else', () => {
    expect(['owner', 'admin', 'approver', 'editor', 'responder', 'viewer'].filter(canManageChannels)).toEqual(
      ['owner', 'admin'],
    );
  });
});
