import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor } from '@outside-in/database';
import {
  defaultOfficeHours,
  OfficeHoursService,
  QuietPeriodsService,
  SafeguardingService,
} from '@outside-in/guardrail-settings';
import { addCalendarDays, instantToZonedParts } from '@outside-in/guardrails';
import { InboxIngestor } from '@outside-in/inbox';
import type { InboundItem } from '@outside-in/platforms';

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
 * The public-service guardrails in Demo Council, so a newcomer meets each one (issue 7): office hours with
 * the bank holidays of England and Wales and the honest out-of-hours reply; the safeguarding sets with a sample
 * runbook and people to tell; a pre-election quiet period starting in four weeks with a list of candidates and
 * parties; and four conversations in the inbox, in Welsh and English, one of them matching a safeguarding phrase
 * so triage shows. Everything goes through the services people use, so the audit log shows it too.
 */
@Injectable()
export class DemoGuardrails {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officeHours: OfficeHoursService,
    private readonly safeguarding: SafeguardingService,
    private readonly quietPeriods: QuietPeriodsService,
    private readonly ingestor: InboxIngestor,
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

  /** Messages from the public on the practice X and Facebook channels, as if the networks had delivered them. */
  private async seedConversations(organisationId: string): Promise<void> {
    const channels: Array<{ id: string; network: string }> = await this.dataSource.query(
      `SELECT id, network FROM channel WHERE organisation_id = $1 AND status = 'connected' AND network IN ('x', 'facebook')`,
      [organisationId],
    );
    const x = channels.find((c) => c.network === 'x') ?? channels[0];
    const facebook = channels.find((c) => c.network === 'facebook') ?? channels[0];
    if (!x) return;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const item = (
      id: string,
      kind: InboundItem['kind'],
      handle: string,
      name: string,
      text: string,
      minutes: number,
    ): InboundItem => ({
      externalId: `demo-${id}`,
      kind,
      threadKey: `demo-thread-${id}`,
      author: {
        externalId: `demo-person-${handle}`,
        handle,
        displayName: name,
        profileUrl: `https://example.org/${handle}`,
      },
      text,
      createdAt: minutesAgo(minutes),
      fromAccount: false,
      raw: { demo: true, note: 'Seeded for Demo Council; not from a network.' },
    });
    await this.ingestor.ingest(x.id, [
      item(
        'bins-en',
        'mention',
        'sam_resident',
        'Sam Jones',
        'Hi, my brown bin was not collected on Monday. Can someone come back for it please?',
        95,
      ),
      item(
        'library-cy',
        'mention',
        'nia_caerdydd',
        'Nia Roberts',
        'Helo, ydy’r llyfrgell ar agor yn hwyr ddydd Iau? Diolch yn fawr iawn am eich help.',
        70,
      ),
    ]);
    await this.ingestor.ingest(facebook.id, [
      item(
        'parking-cy',
        'direct_message',
        'dafydd.w',
        'Dafydd Williams',
        'Bore da. Mae’r peiriant talu yn y maes parcio wedi torri eto. Ble ydw i’n talu heddiw os gwelwch yn dda?',
        40,
      ),
      item(
        'worried-en',
        'direct_message',
        'worried.neighbour',
        'A worried neighbour',
        'I think there is a child at risk next door. The little boy has been left on his own for two days and is crying.',
        12,
      ),
    ]);
  }
}
