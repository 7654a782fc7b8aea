import type { ChannelConnection, MediaInput } from '../../port/platform-types';

/**
 * Instagram does not take uploads: Graph fetches each image from a public URL (`image_url`). Whoever
 * constructs the adapter says where our media is served; real publishing needs the image reachable from
 * the internet (for example a signed, short-lived URL on our own media host).
 */
export type InstagramMediaUrl = (media: MediaInput, connection: ChannelConnection) => Promise<string>;
