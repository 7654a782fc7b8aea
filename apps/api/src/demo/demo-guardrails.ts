import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, sandboxUrl } from '@outside-in/common';
import { AuditActor } from '@outside-in/database';
import {
  defaultOfficeHours,
  OfficeHoursService,
  QuietPeriodsService,
  SafeguardingService,
} from '@outside-in/guardrail-settings';
import { addCalendarDays, instantToZonedParts } from '@outside-in/guardrails';
import { ChannelPoller } from '@outside-in/inbox';

const DEMO_ACTOR: AuditActor = { userId: null, label: 'Demo set-up' };

/** A runbook written for Demo Council, so responders see what a real one looks like. */
export const DEMO_RUNBOOK = `Demo Council safeguarding steps (a sample: write your own with your safeguarding lead).

1. Read the whole message. Do not reply from the inbox yet, and never with a canned reply.
2. If anyone is in immediate danger, call 999 now and give the police the message and the person's handle.
3. A child at risk: call the Children's Services front door on 0300 000 0000 (out of hours: 0300 000 0001).
4. Someone at risk of harming themselves: reply privately with Samaritans (116 123, free, any time) and tell the duty manager.
5. Add an internal note saying what you did and who you told. Leave the conversation open for the duty manager.`;

/** Names of candidates and parties for the sample election: made up, so no real person is ever flagged. */
export const DEMO_CANDIDATES = [
  'Jane Smith',
  'Gareth Llewellyn',
  'Amira Khan',
  'Green Valley Party',
  'Plaid y Dref',
];

/**
 * The four messages from the public in Demo Council's inbox, oldest first: two in English and two in Welsh, one
 * of them matching the safeguarding phrase "child at risk", so triage shows. Written on the sandbox networks by
 * made-up people (citizenKey: the same sandbox person every time).
 */
export const DEMO_MESSAGES: ReadonlyArray<{
  network: 'x' | 'facebook';
  citizenKey: string;
  citizenName: string;
  language: 'en' | 'cy';
  text: string;
}> = [
  {
    network: 'x',
    citizenKey: 'sam_resident',
    citizenName: 'Sam Jones',
    language: 'en',
    text: 'Hi, my brown bin was not collected on Monday. Can someone come back for it please?',
  },
  {
    network: 'x',
    citizenKey: 'nia_caerdydd',
    citizenName: 'Nia Roberts',
    language: 'cy',
    text: 'Helo, ydy’r llyfrgell ar agor yn hwyr ddydd Iau? Diolch yn fawr iawn am eich help.',
  },
  {
    network: 'facebook',
    citizenKey: 'dafydd_w',
    citizenName: 'Dafydd Williams',
    language: 'cy',
    text: 'Bore da. Mae’r peiriant talu yn y maes parcio wedi torri eto. Ble ydw i’n talu heddiw os gwelwch yn dda?',
  },
  {
    network: 'facebook',
    citizenKey: 'worried_nbr',
    citizenName: 'A worried neighbour',
    language: 'en',
    text: 'I think there is a child at risk next door. The little boy has been left on his own for two days and is crying.',
  },
];

/**
 * The public-service guardrails in Demo Council, so a newcomer meets each one (issue 7): office hours with
 * the bank holidays of England and Wales and the honest out-of-hours reply; the safeguarding sets with a sample
 * runbook and people to tell; a pre-election quiet period starting in four weeks with a list of candidates and
 * parties; and four conversations in the inbox, in Welsh and English, one of them matching a safeguarding phrase
 * so triage shows. Everything goes through the services people use, so the audit log shows it too.
 */
@Injectable()
export class DemoGuardrails {
  private readonly logger = new Logger(DemoGuardrails.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly officeHours: OfficeHoursService,
    private readonly safeguarding: SafeguardingService,
    private readonly quietPeriods: QuietPeriodsService,
    private readonly poller: ChannelPoller,
  ) {}

  async seed(organisationId: string): Promise<void> {
    const hours = defaultOfficeHours();
    await this.officeHours.update(
      organisationId,
      {
        ...hours,
        weekly: { ...hours.weekly, friday: [{ open: '09:00', close: '16:30' }] },
        bankHolidayRegion: 'england-and-wales',
        autoReply: { ...hours.autoReply, enabled: true },
      },
      DEMO_ACTOR,
      null,
    );

    const people: Array<{ id: string }> = await this.dataSource.query(
      `SELECT user_id AS id FROM membership WHERE organisation_id = $1 AND role IN ('owner', 'approver') ORDER BY role`,
      [organisationId],
    );
    const { document } = await this.safeguarding.get(organisationId);
    await this.safeguarding.update(
      organisationId,
      { ...document, runbook: DEMO_RUNBOOK, notifyUserIds: people.map((p) => p.id) },
      DEMO_ACTOR,
      null,
    );

    const today = instantToZonedParts(new Date(), 'Europe/London').date;
    await this.quietPeriods.create(
      organisationId,
      {
        name: 'Town council by-election',
        startsOn: addCalendarDays(today, 28),
        endsOn: addCalendarDays(today, 63),
        approverRoles: ['owner', 'approver'],
        candidateNames: DEMO_CANDIDATES,
      },
      DEMO_ACTOR,
      null,
    );

    await this.seedConversations(organisationId);
  }

  /**
   * Messages from the public on the practice X and Facebook channels, written on the sandbox networks by made-up
   * people (an X mention each in English and Welsh, a Messenger message each in Welsh and English): real messages
   * there, so a reply from the demo goes out and threads under them like any other. They come in the way every
   * message does, by polling the two channels now (webhooks, where set up, bring the same items, stored once), so
   * safeguarding triage, language and the out-of-hours reply apply as on ingest. A message already in the inbox is
   * not written again (the whole seed runs once, on an empty deployment, and this guards a second call too).
   */
  private async seedConversations(organisationId: string): Promise<void> {
    const channels: Array<{ id: string; network: string; accountId: string }> = await this.dataSource.query(
      `SELECT id, network, external_account_id AS "accountId" FROM channel
        WHERE organisation_id = $1 AND practice AND status = 'connected' AND network IN ('x', 'facebook')
        ORDER BY connected_at`,
      [organisationId],
    );
    const base = sandboxUrl(this.config);
    const written = new Map<string, string[]>();
    for (const message of DEMO_MESSAGES) {
      const channel = channels.find((c) => c.network === message.network);
      if (!channel || (await this.alreadyIn(organisationId, message.text))) continue;
      const externalId =
        message.network === 'x'
          ? (
              await this.control<{ id: string }>(base, '/_sandbox/x/inbound/mentions', {
                accountId: channel.accountId,
                text: message.text,
                citizenKey: message.citizenKey,
                citizenName: message.citizenName,
                lang: message.language,
              })
            ).id
          : (
              await this.control<{ messageId: string }>(base, '/_sandbox/meta/inbound/messages', {
                accountId: channel.accountId,
                message: message.text,
                citizenKey: message.citizenKey,
                citizenName: message.citizenName,
              })
            ).messageId;
      written.set(channel.id, [...(written.get(channel.id) ?? []), externalId]);
    }
    for (const [channelId, externalIds] of written) {
      if (!(await this.pollUntilStored(channelId, externalIds))) {
        this.logger.warn(
          { channelId },
          'Demo Council’s sample messages are on the sandbox but not in the inbox yet: the next scheduled poll brings them',
        );
      }
    }
  }

  /** Whether the organisation already holds this message from the public (X puts the @handle in front). */
  private async alreadyIn(organisationId: string, text: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM message m JOIN channel c ON c.id = m.channel_id
        WHERE c.organisation_id = $1 AND m.direction = 'in'
          AND (m.body = $2 OR right(m.body, length($2) + 1) = ' ' || $2)
        LIMIT 1`,
      [organisationId, text],
    );
    return rows.length > 0;
  }

  /** Polls a channel as the scheduler would, until these messages are stored (a few rounds at most). */
  private async pollUntilStored(channelId: string, externalIds: string[]): Promise<boolean> {
    for (let round = 0; round < 10; round++) {
      const [{ stored }]: Array<{ stored: number }> = await this.dataSource.query(
        `SELECT count(*)::int AS stored FROM message WHERE channel_id = $1 AND external_id = ANY($2)`,
        [channelId, externalIds],
      );
      if (stored === externalIds.length) return true;
      const { outcome } = await this.poller.poll(channelId);
      if (outcome === 'not_connected') return false;
      // Another poll of the channel (the worker's) moved the cursor first, or the network asked us to wait.
      if (outcome !== 'polled') await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return false;
  }

  private async control<T>(base: string, path: string, body: object): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new Error(
        `the sandbox networks at ${base} could not be reached to write the sample messages (${error instanceof Error ? error.message : error})`,
      );
    }
    if (response.status !== 201) {
      throw new Error(
        `the sandbox refused a sample message (POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)})`,
      );
    }
    return (await response.json()) as T;
  }
}
