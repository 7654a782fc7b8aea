import { Injectable } from '@nestjs/common';
import { QuietPeriodInZone, QuietPeriodsService } from '@outside-in/guardrail-settings';
import { dateInWords } from '@outside-in/guardrails';

/**
 * Flags a post that mentions a name from a quiet period's list of candidates and parties (issue 7: the
 * pre-election period). A flag is a sentence for the author (the composer's live check) and for the approver
 * (the queue and the post page); it never blocks, because only a person can judge whether a mention is
 * political publicity. Periods in force now or still to come count, so a post drafted today for next month is
 * flagged as it is written; a period applies when it covers the whole organisation or one of the post's channels.
 */
@Injectable()
export class QuietNameFlagsService {
  constructor(private readonly quietPeriods: QuietPeriodsService) {}

  /** The periods worth checking against: not yet over, with a list of names. */
  async periodsToCheck(organisationId: string, now = new Date()): Promise<QuietPeriodInZone[]> {
    const periods = await this.quietPeriods.list(organisationId);
    return periods.filter((p) => p.endsAt > now && p.period.candidateNames.length > 0);
  }

  /** "Mentions Jane Smith, on the list of candidates and parties for Pre-election period (…)." */
  flags(periods: QuietPeriodInZone[], texts: string[], channelIds: string[]): string[] {
    const text = texts.join('\n');
    if (!text.trim()) return [];
    const flags: string[] = [];
    for (const { period } of periods) {
      const applies =
        period.channelIds.length === 0 || channelIds.some((id) => period.channelIds.includes(id));
      if (!applies) continue;
      const span = `${dateInWords(period.startsOn, false)} to ${dateInWords(period.endsOn)}`;
      for (const name of this.quietPeriods.namesMentioned(text, period)) {
        flags.push(
          `Mentions ${name}, on the list of candidates and parties for ${period.name} (${span}). Check the post is not seen to support or oppose them before it goes out.`,
        );
      }
    }
    return flags;
  }

  /** For the composer's live check: the shared text, each variant and each half of a pair. */
  async forCompose(
    organisationId: string,
    dto: {
      text: string;
      pair?: Array<{ text: string }> | null;
      channels: Array<{ channelId: string; parts?: Array<{ text: string }> }>;
    },
  ): Promise<string[]> {
    const texts = [
      dto.text,
      ...(dto.pair ?? []).map((h) => h.text),
      ...dto.channels.flatMap((c) => (c.parts ?? []).map((p) => p.text)),
    ];
    return this.flags(
      await this.periodsToCheck(organisationId),
      texts,
      dto.channels.map((c) => c.channelId),
    );
  }

  /** Adds `quietFlags` to posts as they are shown to approvers (one read of the periods for them all). */
  async addTo<P extends FlaggablePost>(organisationId: string, posts: P[]): Promise<Array<P & Flagged>> {
    const periods = posts.length ? await this.periodsToCheck(organisationId) : [];
    return posts.map((post) => ({
      ...post,
      quietFlags: this.flags(
        periods,
        [
          post.text,
          ...(post.pair?.halves ?? []).map((h) => h.text),
          ...post.targets.flatMap((t) => t.parts.map((p) => p.text)),
        ],
        post.targets.map((t) => t.channel?.id).filter((id): id is string => !!id),
      ),
    }));
  }
}

interface FlaggablePost {
  text: string;
  pair: { halves: Array<{ text: string }> } | null;
  targets: Array<{ channel: { id: string } | null; parts: Array<{ text: string }> }>;
}

interface Flagged {
  quietFlags: string[];
}
