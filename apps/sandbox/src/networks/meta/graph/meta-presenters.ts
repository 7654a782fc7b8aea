import { graphTime } from './graph-time';
import type { MetaPage, MetaUser } from '../store/meta-accounts.repository';
import type { MetaComment, MetaPhoto, MetaPost } from '../store/meta-content.repository';
import type { IgContainer, IgMedia } from '../store/meta-instagram.repository';

/** Full representations; GraphFields.selectFields picks what the request asked for. */

export function presentPage(page: MetaPage): Record<string, unknown> {
  return {
    id: page.id,
    name: page.name,
    username: page.username,
    category: page.category,
    category_list: [{ id: '2235', name: page.category }],
    link: `https://www.facebook.com/${page.username}`,
    instagram_business_account: page.ig_user_id ? { id: page.ig_user_id } : undefined,
    connected_instagram_account: page.ig_user_id ? { id: page.ig_user_id } : undefined,
    tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
    fan_count: 0,
    followers_count: 0,
  };
}

export function presentPost(post: MetaPost, page: MetaPage, photo?: MetaPhoto): Record<string, unknown> {
  const local = post.id.split('_')[1];
  const createdTime =
    !post.published && post.scheduled_publish_time && post.scheduled_publish_time <= new Date()
      ? post.scheduled_publish_time
      : post.created_at;
  return {
    id: post.id,
    message: post.message ?? undefined,
    created_time: graphTime(createdTime),
    updated_time: graphTime(createdTime),
    from: { name: page.name, id: page.id },
    permalink_url: `https://www.facebook.com/${page.id}/posts/${local}`,
    status_type: post.status_type,
    is_published:
      post.published || (post.scheduled_publish_time !== null && post.scheduled_publish_time <= new Date()),
    is_hidden: false,
    scheduled_publish_time: post.scheduled_publish_time
      ? Math.floor(post.scheduled_publish_time.getTime() / 1000)
      : undefined,
    full_picture: photo?.url ?? undefined,
    attachments: post.link
      ? { data: [{ type: 'share', url: post.link, unshimmed_url: post.link }] }
      : photo
        ? {
            data: [
              {
                type: 'photo',
                media: { image: { src: photo.url } },
                description: photo.alt_text ?? undefined,
              },
            ],
          }
        : undefined,
    privacy: { value: 'EVERYONE', description: 'Public' },
    // Filled in by the feed service when `comments{...}` is requested.
    comments: undefined,
  };
}

export function presentPhoto(photo: MetaPhoto, page: MetaPage): Record<string, unknown> {
  return {
    id: photo.id,
    name: photo.caption ?? undefined,
    alt_text_custom: photo.alt_text ?? undefined,
    created_time: graphTime(photo.created_at),
    from: { name: page.name, id: page.id },
    images: photo.url ? [{ source: photo.url, height: 720, width: 960 }] : [],
    link: `https://www.facebook.com/photo.php?fbid=${photo.id}`,
    page_story_id: photo.post_id ?? undefined,
  };
}

export function presentComment(
  comment: MetaComment,
  page: MetaPage,
  parent?: MetaComment,
): Record<string, unknown> {
  const byPage = comment.author_id === page.id;
  return {
    id: comment.id,
    message: comment.message,
    created_time: graphTime(comment.created_at),
    from: { name: comment.author_name, id: comment.author_id },
    parent: parent
      ? {
          created_time: graphTime(parent.created_at),
          from: { name: parent.author_name, id: parent.author_id },
          message: parent.message,
          id: parent.id,
        }
      : undefined,
    is_hidden: comment.is_hidden,
    can_hide: !byPage,
    can_remove: true,
    can_comment: comment.parent_id === null,
    can_reply_privately: !byPage,
    comment_count: 0,
    like_count: 0,
    user_likes: false,
    permalink_url: `https://www.facebook.com/${comment.object_id.replace('_', '/posts/')}?comment_id=${comment.id.split('_')[1]}`,
    object: { id: comment.object_id },
  };
}

export function presentIgComment(comment: MetaComment, parent?: MetaComment): Record<string, unknown> {
  return {
    id: comment.id,
    text: comment.message,
    timestamp: graphTime(comment.created_at),
    username: comment.author_username ?? comment.author_name,
    from: { id: comment.author_id, username: comment.author_username ?? comment.author_name },
    like_count: 0,
    hidden: comment.is_hidden,
    media: { id: comment.object_id },
    parent_id: parent?.id,
  };
}

export function presentContainer(container: IgContainer, now = new Date()): Record<string, unknown> {
  const statusCode = containerStatus(container, now);
  const status: Record<string, string> = {
    IN_PROGRESS: 'In Progress: Media is still being processed.',
    FINISHED: 'Finished: Media has been uploaded and it is complete.',
    PUBLISHED: 'Published: Media has been successfully published.',
    EXPIRED: 'Expired: The media container was not published within 24 hours and has expired.',
  };
  return { id: container.id, status_code: statusCode, status: status[statusCode] };
}

export function containerStatus(
  container: IgContainer,
  now = new Date(),
): 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'EXPIRED' {
  if (container.media_id) return 'PUBLISHED';
  if (now >= container.expires_at) return 'EXPIRED';
  if (now < container.ready_at) return 'IN_PROGRESS';
  return 'FINISHED';
}

export function presentIgMedia(
  media: IgMedia,
  username: string,
  commentsCount: number,
): Record<string, unknown> {
  return {
    id: media.id,
    caption: media.caption ?? undefined,
    alt_text: media.alt_text ?? undefined,
    media_type: media.media_type,
    media_product_type: media.media_type === 'REELS' ? 'REELS' : 'FEED',
    media_url: media.media_url,
    permalink: `https://www.instagram.com/p/${media.shortcode}/`,
    shortcode: media.shortcode,
    timestamp: graphTime(media.created_at),
    username,
    owner: { id: media.ig_user_id },
    comments_count: commentsCount,
    like_count: 0,
    is_comment_enabled: true,
  };
}

export function presentUser(user: MetaUser): Record<string, unknown> {
  return { id: user.id, name: user.name, email: `${user.id}@facebook.com` };
}
