import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Link, useLocation } from 'react-router-dom';
import { channelApi } from '../../api/endpoints';
import type { Channel } from '../../api/types';
import type { Banner } from '../frame/banner-area';
import { reconnectBannerText } from './channel-words';

/** How long a list of channels counts as fresh before moving to another screen asks again. */
const FRESH_FOR_MS = 60_000;

interface ChannelHealth {
  /** The frame's banner for channels that need reconnecting (empty when all is well). */
  banners: Banner[];
  /** The Channels screen hands over every list it loads or changes, so the banner never lags behind it. */
  report: (channels: Channel[]) => void;
}

const ChannelHealthContext = createContext<ChannelHealth>({ banners: [], report: () => undefined });

/**
 * Knows whether any channel of the organisation needs reconnecting, for the banner at the top of every screen.
 * It loads the list when the frame opens and again on moving between screens once the last list is a minute old.
 */
export function ChannelHealthProvider({
  organisationId,
  children,
}: {
  organisationId: string;
  children: ReactNode;
}) {
  const [channels, setChannels] = useState<Channel[]>([]);
  const loadedAt = useRef(0);
  const { pathname } = useLocation();

  // Each list handed over or loaded gets a number, so a slow load never overwrites a newer list.
  const generation = useRef(0);

  const report = useCallback((list: Channel[]) => {
    generation.current++;
    loadedAt.current = Date.now();
    setChannels(list);
  }, []);

  // Answers for an organisation the person has since left are dropped.
  const currentOrganisation = useRef(organisationId);
  useEffect(() => {
    currentOrganisation.current = organisationId;
    loadedAt.current = 0;
    setChannels([]);
  }, [organisationId]);

  useEffect(() => {
    if (Date.now() - loadedAt.current < FRESH_FOR_MS) return;
    loadedAt.current = Date.now();
    const mine = ++generation.current;
    channelApi
      .list(organisationId)
      .then((answer) => {
        if (currentOrganisation.current === organisationId && generation.current === mine)
          setChannels(answer.channels);
      })
      // The banner is a courtesy: the Channels screen reports its own loading problems.
      .catch(() => {
        loadedAt.current = 0;
      });
  }, [organisationId, pathname]);

  const banners = useMemo<Banner[]>(() => {
    const text = reconnectBannerText(channels);
    if (!text) return [];
    return [
      {
        id: 'channels-need-reconnecting',
        text: (
          <>
            {text} <Link to="/channels">Go to Channels</Link>
          </>
        ),
      },
    ];
  }, [channels]);

  const value = useMemo(() => ({ banners, report }), [banners, report]);
  return <ChannelHealthContext.Provider value={value}>{children}</ChannelHealthContext.Provider>;
}

export function useChannelHealth(): ChannelHealth {
  return useContext(ChannelHealthContext);
}
