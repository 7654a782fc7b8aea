import type { Provider } from '@nestjs/common';
import {
  BlueskyAdapter,
  FacebookAdapter,
  InstagramAdapter,
  MastodonAdapter,
  PlatformRegistry,
  XAdapter,
} from '@outside-in/platforms';

/**
 * One adapter per network for this process; channels of any base URL (real or sandbox) share them.
 * Instagram images come with a signed public URL from the publishing runner (`MediaInput.publicUrl`).
 */
export const platformRegistryProvider: Provider = {
  provide: PlatformRegistry,
  useFactory: () =>
    new PlatformRegistry([
      new XAdapter(),
      new FacebookAdapter(),
      new InstagramAdapter(),
      new MastodonAdapter(),
      new BlueskyAdapter(),
    ]),
};
