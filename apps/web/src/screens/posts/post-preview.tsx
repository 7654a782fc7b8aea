import type { ChannelSummary, Media, PostPart } from '../../api/posts';
import { NetworkIcon } from '../channels/network-icon';

interface PostPreviewProps {
  channel: Pick<ChannelSummary, 'network' | 'networkName' | 'handle' | 'displayName'>;
  parts: Array<string | PostPart>;
  media?: Media[];
  mediaUrl?: (id: string) => string;
}

/**
 * How the post will look on the network, near enough: the account's name and handle, each thread part as its
 * own card, and the images with their alt text (which is what a screen reader will read there too).
 */
export function PostPreview({ channel, parts, media = [], mediaUrl }: PostPreviewProps) {
  const handle = channel.handle.startsWith('@') ? channel.handle : `@${channel.handle}`;
  return (
    <ol className={`preview preview--${channel.network}`} aria-label={`Preview on ${channel.networkName}`}>
      {parts.map((part, i) => {
        const text = typeof part === 'string' ? part : part.text;
        return (
          <li key={i} className="preview__card">
            <p className="preview__account">
              <NetworkIcon network={channel.network} /> <strong>{channel.displayName}</strong>{' '}
              <span className="muted">{handle}</span>
            </p>
            <p className="preview__text">{text || <span className="muted">(nothing written yet)</span>}</p>
            {i === 0 && media.length > 0 && mediaUrl && (
              <div className="preview__media">
                {media
                  .filter((m) => m.mimeType.startsWith('image/'))
                  .map((m) => (
                    <img key={m.id} src={mediaUrl(m.id)} alt={m.altText ?? ''} />
                  ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
