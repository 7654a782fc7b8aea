import { useMemo } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { MAIN_CONTENT_ID, SkipLink } from '../../components/skip-link';
import { OrganisationProvider } from '../../session/organisation-context';
import { useSignedIn } from '../../session/session-context';
import { ChannelHealthProvider, useChannelHealth } from '../channels/channel-health';
import { useQuietPeriodBanners } from '../guardrails/quiet-period-banner';
import { NotificationsLink } from '../posts/notifications-link';
import { usePublishingPauseBanners } from '../posts/publishing-pause-banner';
import { BannerArea, BannerProvider } from './banner-area';
import { MainNavigation } from './main-navigation';
import { OrganisationSwitcher } from './organisation-switcher';
import { UserMenu } from './user-menu';

/** Top bar, left navigation and banner area around every signed-in screen. */
export function AppFrame() {
  const { organisation } = useSignedIn();
  return (
    <OrganisationProvider organisationId={organisation.organisationId}>
      <ChannelHealthProvider organisationId={organisation.organisationId}>
        <FrameLayout />
      </ChannelHealthProvider>
    </OrganisationProvider>
  );
}

/** The frame itself, inside the providers whose states become banners. */
function FrameLayout() {
  const { organisation } = useSignedIn();
  const channelHealth = useChannelHealth();
  const quietPeriod = useQuietPeriodBanners(organisation.organisationId);
  const paused = usePublishingPauseBanners(organisation.organisationId);
  const banners = useMemo(
    () => [...paused, ...quietPeriod, ...channelHealth.banners],
    [paused, quietPeriod, channelHealth.banners],
  );
  return (
    <BannerProvider banners={banners}>
      <div className="frame">
        <SkipLink />
        <header className="top-bar">
          <Link to="/" className="top-bar__brand">
            Outside In
          </Link>
          <OrganisationSwitcher />
          <Link to="/posts/new" className="button top-bar__new-post">
            New post
          </Link>
          <NotificationsLink organisationId={organisation.organisationId} />
          <UserMenu />
        </header>
        <div className="frame__body">
          <MainNavigation />
          <main id={MAIN_CONTENT_ID} tabIndex={-1} className="frame__main">
            <BannerArea />
            {/* Keyed by organisation so that switching reloads every screen's data. */}
            <Outlet key={organisation.organisationId} />
          </main>
        </div>
      </div>
    </BannerProvider>
  );
}
