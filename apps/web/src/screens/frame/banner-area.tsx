import { createContext, useContext, type ReactNode } from 'react';

export interface Banner {
  id: string;
  /** A sentence saying the state and what it means, e.g. "Publishing is paused by Sam Jones. Nothing will go out." */
  text: ReactNode;
}

const BannerContext = createContext<Banner[]>([]);

/**
 * Organisation-wide states (publishing paused, a quiet period, a channel to reconnect) appear here at the top of
 * every screen. Nothing produces them yet; later features provide them through BannerProvider.
 */
export function BannerProvider({ banners, children }: { banners: Banner[]; children: ReactNode }) {
  return <BannerContext.Provider value={banners}>{children}</BannerContext.Provider>;
}

export function BannerArea() {
  const banners = useContext(BannerContext);
  return (
    <div className="banner-area" role="status">
      {banners.map((b) => (
        <p key={b.id} className="banner">
          <span className="banner__icon" aria-hidden="true">
            ⚠
          </span>{' '}
          {b.text}
        </p>
      ))}
    </div>
  );
}
