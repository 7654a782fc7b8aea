import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JsonObject } from './mastodon-entities';
import { MastodonExceptionFilter } from './mastodon-error';
import { instanceBase, MastodonGate } from './mastodon-gate.service';
import {
  DESCRIPTION_LIMIT,
  IMAGE_SIZE_LIMIT,
  SUPPORTED_MIME_TYPES,
  VIDEO_SIZE_LIMIT,
} from './mastodon-media-probe';
import { MastodonRepository } from './mastodon.repository';
import { mastodonPaths } from './mastodon-routes';
import { MAX_MEDIA_ATTACHMENTS, MAX_STATUS_CHARACTERS } from './mastodon-status-request';

const VERSION = '4.3.0';
const TITLE = 'Outside In sandbox (Mastodon)';
const DESCRIPTION = 'A practice Mastodon instance: nothing posted here leaves this machine.';
const CONTACT_EMAIL = 'sandbox@outside-in.invalid';
const RULES = [{ id: '1', text: 'Be kind: this is a practice space.', hint: '' }];

/** The instance descriptions clients read limits from (configuration.statuses.max_characters and friends). */
@Controller()
@UseFilters(MastodonExceptionFilter)
export class MastodonInstanceController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly repo: MastodonRepository,
  ) {}

  @Get(mastodonPaths('api/v2/instance'))
  async v2(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.gate.open(req, res))) return;
    const base = instanceBase(req);
    const body: JsonObject = {
      domain: req.get('host') ?? 'localhost',
      title: TITLE,
      version: VERSION,
      source_url: 'https://github.com/mastodon/mastodon',
      description: DESCRIPTION,
      usage: { users: { active_month: await this.repo.countLocalAccounts() } },
      thumbnail: { url: `${base}/packs/media/images/preview.png`, blurhash: null, versions: null },
      icon: [],
      languages: ['en', 'cy'],
      configuration: {
        urls: {
          streaming: null,
          status: null,
          about: `${base}/about`,
          privacy_policy: null,
          terms_of_service: null,
        },
        vapid: { public_key: '' },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5, max_profile_fields: 4 },
        statuses: {
          max_characters: MAX_STATUS_CHARACTERS,
          max_media_attachments: MAX_MEDIA_ATTACHMENTS,
          characters_reserved_per_url: 23,
        },
        media_attachments: mediaConfiguration(),
        polls: pollConfiguration(),
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null, url: null },
      api_versions: { mastodon: 2 },
      contact: { email: CONTACT_EMAIL, account: null },
      rules: RULES,
    };
    res.status(200).json(body);
  }

  @Get(mastodonPaths('api/v1/instance'))
  async v1(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.gate.open(req, res))) return;
    const host = req.get('host') ?? 'localhost';
    const body: JsonObject = {
      uri: host,
      title: TITLE,
      short_description: DESCRIPTION,
      description: DESCRIPTION,
      email: CONTACT_EMAIL,
      version: VERSION,
      urls: { streaming_api: `ws://${host}` },
      stats: {
        user_count: await this.repo.countLocalAccounts(),
        status_count: await this.repo.countStatuses(),
        domain_count: 0,
      },
      thumbnail: null,
      languages: ['en', 'cy'],
      registrations: false,
      approval_required: false,
      invites_enabled: false,
      configuration: {
        accounts: { max_featured_tags: 10 },
        statuses: {
          max_characters: MAX_STATUS_CHARACTERS,
          max_media_attachments: MAX_MEDIA_ATTACHMENTS,
          characters_reserved_per_url: 23,
        },
        media_attachments: mediaConfiguration(),
        polls: pollConfiguration(),
      },
      contact_account: null,
      rules: RULES,
    };
    res.status(200).json(body);
  }
}

function mediaConfiguration(): JsonObject {
  return {
    supported_mime_types: SUPPORTED_MIME_TYPES,
    description_limit: DESCRIPTION_LIMIT,
    image_size_limit: IMAGE_SIZE_LIMIT,
    image_matrix_limit: 33177600,
    video_size_limit: VIDEO_SIZE_LIMIT,
    video_frame_rate_limit: 120,
    video_matrix_limit: 8294400,
  };
}

function pollConfiguration(): JsonObject {
  return { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 };
}
