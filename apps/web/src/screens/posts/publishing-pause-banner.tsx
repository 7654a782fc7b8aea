import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { postsApi } from '../../api/posts';
import type { Banner } from '../frame/banner-area';

/** The frame's banner while publishing is paused, asked for again on moving between screens. */
export function usePublishingPauseBanners(organisationId: string): Banner[] {
  const [banner, setBanner] = useState<string | null>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    let live = true;
    postsApi
      .pause(organisationId)
      .then((state) => live && setBanner(state.banner))
      // The banner is a courtesy; the post pages say when a post is held.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [organisationId, pathname]);
  return banner ? [{ id: 'publishing-paused', text: banner }] : [];
}
