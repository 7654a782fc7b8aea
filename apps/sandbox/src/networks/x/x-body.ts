import type { Request } from 'express';
import { z } from 'zod';
import { isSnowflake } from './x-ids';
import { invalidRequest, InvalidParameter } from './x-problem';

/**
 * Validates a JSON body against the OpenAPI request schema (written here in zod) and answers X's 400 with one
 * entry per problem, named by JSON path the way X names them (`$.reply.in_reply_to_tweet_id`).
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest([
      {
        parameter: 'body',
        message: 'The request body must be a JSON object. Send Content-Type: application/json.',
      },
    ]);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems: InvalidParameter[] = [];
  for (const issue of result.error.issues) {
    const path = ['$', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          parameter: `${path}.${key}`,
          message: `${path}.${key}: is not defined in the schema and the schema does not allow additional properties`,
        });
      }
      continue;
    }
    problems.push({ parameter: path, message: `${path}: ${issue.message.replace(/^Invalid input: /, '')}` });
  }
  throw invalidRequest(problems);
}

/** X's JSON endpoints take JSON only: a form body is refused, not quietly accepted. */
export function jsonBodyOf(req: Request): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw invalidRequest([
      {
        parameter: 'Content-Type',
        value: type || '(none)',
        message: `The request body must be JSON: send Content-Type: application/json, not ${type || 'nothing'}.`,
      },
    ]);
  }
  return req.body;
}

export const snowflakeString = z
  .string()
  .refine(isSnowflake, 'must be a numeric id of 1 to 19 digits, at most 9223372036854775807');

/** CreatePostsRequest of the OpenAPI file (additionalProperties: false throughout). */
export const createTweetSchema = z
  .object({
    text: z.string().optional(),
    reply: z
      .object({
        in_reply_to_tweet_id: snowflakeString,
        exclude_reply_user_ids: z.array(z.string()).optional(),
        auto_populate_reply_metadata: z.boolean().optional(),
      })
      .strict()
      .optional(),
    quote_tweet_id: snowflakeString.optional(),
    media: z
      .object({
        media_ids: z.array(snowflakeString).min(1).max(4),
        tagged_user_ids: z.array(snowflakeString).max(10).optional(),
        description: z.string().optional(),
        title: z.string().optional(),
        embeddable: z.boolean().optional(),
        preview_media_id: snowflakeString.optional(),
      })
      .strict()
      .optional(),
    poll: z
      .object({
        options: z.array(z.string().min(1).max(25)).min(2).max(4),
        duration_minutes: z.number().int().min(5).max(10080),
        reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
      })
      .strict()
      .optional(),
    reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
    for_super_followers_only: z.boolean().optional(),
    nullcast: z.boolean().optional(),
    made_with_ai: z.boolean().optional(),
    paid_partnership: z.boolean().optional(),
    share_with_followers: z.boolean().optional(),
    card_uri: z.string().optional(),
    community_id: snowflakeString.optional(),
    direct_message_deep_link: z.string().optional(),
    geo: z.object({ place_id: z.string() }).strict().optional(),
    edit_options: z.object({ previous_post_id: snowflakeString }).strict().optional(),
  })
  .strict();

export const sendDmSchema = z
  .object({
    text: z.string().min(1).optional(),
    attachments: z
      .array(z.object({ media_id: snowflakeString }).strict())
      .min(1)
      .max(1)
      .optional(),
  })
  .strict();

export const initializeMediaSchema = z
  .object({
    media_type: z.enum([
      'video/mp4',
      'video/webm',
      'video/mp2t',
      'video/quicktime',
      'text/srt',
      'text/vtt',
      'image/jpeg',
      'image/gif',
      'image/bmp',
      'image/png',
      'image/webp',
      'image/pjpeg',
      'image/tiff',
      'model/gltf-binary',
      'model/vnd.usdz+zip',
    ]),
    total_bytes: z.number().int().min(0).max(17179869184),
    media_category: z
      .enum([
        'amplify_video',
        'tweet_gif',
        'tweet_image',
        'tweet_video',
        'dm_gif',
        'dm_image',
        'dm_video',
        'subtitles',
      ])
      .optional(),
    additional_owners: z.array(snowflakeString).optional(),
    shared: z.boolean().optional(),
  })
  .strict();

export const createWebhookSchema = z.object({ url: z.string().min(1).max(200) }).strict();
