import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { networkName } from '@outside-in/channels';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@outside-in/common';
import {
  AuditActor,
  AuditEvent,
  AuditService,
  Channel,
  MediaAsset,
  Organisation,
  Post,
  PostLanguagePair,
  PostTarget,
  PostTargetPart,
  PostTargetState,
  PublishAttempt,
  Review,
  Role,
  User,
  returnedRows,
} from '@outside-in/database';
import {
  assertPairLanguage,
  BilingualSettingsService,
  CoachSettingsService,
  orderPair,
  QuietPeriodInZone,
  QuietPeriodsService,
} from '@outside-in/guardrail-settings';
import { formatInZone, languageName, pairName, zonedWallTimeToInstant } from '@outside-in/guardrails';
import { PlatformRegistry } from '@outside-in/platforms';
import { PostTargetScheduling, PublishScheduler } from '@outside-in/publishing';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApprovalPolicyService, EffectivePolicy, REVIEWER_ROLES } from '../approvals/approval-policy.service';
import { isImage, megabytes } from '../media/media.service';
import { MailerService, OutgoingEmail } from '../notifications/mailer.service';
import { NotificationsService } from '../notifications/notifications.service';
import { channelSummary, reviewDecisionText, scheduleView, targetStateText, targetView } from './post-views';
import type {
  ApprovalStatusView,
  CalendarView,
  ChannelValidationView,
  ComposePostDto,
  PostListView,
  PostPageView,
  PostResultView,
  PostView,
  ScheduleView,
  ValidationResultView,
} from './post.dto';

/** Who is acting, with their role in the organisation. */
export interface Caller {
  actor: AuditActor;
  role: Role;
  ip: string | null;
}

/** A post waiting for the caller ($2) in organisation $1: in review, not theirs, not approved by them this round. */
const WAITING_FOR_CALLER = `p.organisation_id = $1 AND p.author_id IS DISTINCT FROM $2
  AND EXISTS (SELECT 1 FROM post_target t WHERE t.post_id = p.id AND t.state = 'in_review')
  AND NOT EXISTS (SELECT 1 FROM review r WHERE r.post_id = p.id AND r.round = p.review_round
                   AND r.reviewer_id = $2 AND r.decision = 'approve')`;
/** Where a post stands before it can be published; these states all share one review. */
const PRE_PUBLISH: PostTargetState[] = ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled'];
/** Targets an edit may change (a failed or missed one is edited before it is retried). */
const EDITABLE: PostTargetState[] = [...PRE_PUBLISH, 'failed', 'missed'];
const CANCELLABLE: PostTargetState[] = [...EDITABLE];
/** How far in the past a chosen time may be (a form sent a few seconds late) before it is refused. */
const PAST_TOLERANCE_MS = 60_000;
const CALENDAR_MAX_DAYS = 92;
const CALENDAR_LIMIT = 2000;

interface ResolvedVariant {
  channel: Channel;
  /** The half of a bilingual post; null for a single-language post. */
  language: string | null;
  parts: PostTargetPart[];
}

/** A channel and language the post goes to, before the channel is looked up. */
interface ExpandedVariant {
  channelId: string;
  language: string | null;
  parts: PostTargetPart[];
}

/** Same channel and same language: the same target. */
const sameHalf = (
  t: { channelId: string; language: string | null },
  channelId: string,
  language: string | null,
) => t.channelId === channelId && (t.language ?? null) === language;

interface Loaded {
  post: Post;
  organisation: Organisation;
  targets: PostTarget[];
  channels: Map<string, Channel>;
}

@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly registry: PlatformRegistry,
    private readonly scheduling: PostTargetScheduling,
    private readonly scheduler: PublishScheduler,
    private readonly policies: ApprovalPolicyService,
    private readonly notifications: NotificationsService,
    private readonly mailer: MailerService,
    private readonly quietPeriods: QuietPeriodsService,
    private readonly coach: CoachSettingsService,
    private readonly bilingual: BilingualSettingsService,
  ) {}

  // ---------------------------------------------------------------- compose

  /** The live counter: every channel's counts and problems, without saving anything. */
  async validate(organisationId: string, dto: ComposePostDto): Promise<ValidationResultView> {
    return this.dataSource.transaction((manager) => this.check(manager, organisationId, dto));
  }

  async create(organisationId: string, dto: ComposePostDto, caller: Caller): Promise<PostResultView> {
    const postId = await this.dataSource.transaction(async (manager) => {
      const { variants, pair } = await this.resolve(manager, organisationId, dto);
      const post = await manager.getRepository(Post).save({
        organisationId,
        authorId: caller.actor.userId,
        title: dto.title ?? null,
        internalNote: dto.internalNote ?? null,
        pair,
        sharedText: pair ? pair.texts[0] : dto.text,
        sharedMediaIds: dto.mediaIds ?? [],
        sharedLink: dto.link ?? null,
        reviewRound: 0,
      });
      for (const variant of variants) {
        await manager.getRepository(PostTarget).insert({
          postId: post.id,
          organisationId,
          channelId: variant.channel.id,
          language: variant.language,
          parts: variant.parts,
          state: 'draft',
        });
      }
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'post.created',
        subjectType: 'post',
        subjectId: post.id,
        summary: { title: post.title, channels: variants.map((v) => v.channel.id) },
        ip: caller.ip,
      });
      return post.id;
    });
    return {
      post: await this.view(organisationId, postId, caller),
      message: 'Saved as a draft.',
      outcome: 'saved',
    };
  }

  /**
   * Replaces the content. A post that was waiting for, or had, approval goes back to review when the editor's
   * role needs approval: only approvals of the new round count. Scheduled targets get a new version, so a job
   * queued for the old content does nothing.
   */
  async update(
    organisationId: string,
    postId: string,
    dto: ComposePostDto,
    caller: Caller,
  ): Promise<PostResultView> {
    const policy = await this.policies.get(organisationId);
    const { outcome, emails } = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, organisationId, postId, true);
      this.assertMayEdit(loaded.post, caller);
      const result = await this.applyEdit(manager, loaded, dto, caller, policy, false);
      return result;
    });
    await this.mailer.send(emails);
    const message =
      outcome === 'back_to_review'
        ? 'Saved. It was approved or waiting for approval, so it goes back to review: it needs approving again.'
        : 'Saved.';
    return { post: await this.view(organisationId, postId, caller), message, outcome };
  }

  // ---------------------------------------------------------------- submit, review

  /** "Submit for approval" or, where the policy lets this role, "Schedule" / "Publish now". */
  async submit(
    organisationId: string,
    postId: string,
    input: { schedule?: { date: string; time: string }; publishNow?: boolean },
    caller: Caller,
  ): Promise<PostResultView> {
    const policy = await this.policies.get(organisationId);
    const now = new Date();
    const result = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, organisationId, postId, true);
      this.assertMayEdit(loaded.post, caller);
      const ready = loaded.targets.filter((t) => ['draft', 'changes_requested'].includes(t.state));
      if (!ready.length) {
        throw new ConflictError(
          loaded.targets.some((t) => t.state === 'in_review')
            ? 'It is already waiting for approval.'
            : 'There is nothing to submit: it is not a draft. Reschedule it or publish it now instead.',
        );
      }
      await this.assertPublishable(manager, loaded, ready);
      const schedule = this.when(input, loaded.organisation.timeZone, now);
      const quiet = await this.quietPeriodFor(organisationId, ready, schedule?.at ?? now);
      const needsApproval = this.policies.needsApproval(policy, caller.role) || quiet !== null;
      const channelNames = ready.map((t) => this.channelName(loaded.channels.get(t.channelId)!)).join(', ');
      if (needsApproval) {
        const round = loaded.post.reviewRound + 1;
        await manager.getRepository(Post).update({ id: postId }, { reviewRound: round });
        for (const target of ready) {
          await this.setTarget(manager, target, {
            state: 'in_review',
            scheduledAt: schedule?.at ?? null,
            publishNow: !!input.publishNow,
          });
        }
        await this.audit.record(manager, {
          organisationId,
          actor: caller.actor,
          action: 'post.submitted',
          subjectType: 'post',
          subjectId: postId,
          summary: { round, scheduledAt: schedule?.at.toISOString() ?? null, publishNow: !!input.publishNow },
          ip: caller.ip,
        });
        const emails = await this.notifications.notifyRoles(manager, REVIEWER_ROLES, loaded.post.authorId, {
          organisationId,
          kind: 'post.submitted',
          postId,
          subject: 'A post is waiting for your approval',
          message: `${caller.actor.label.replace(/\s*<[^>]*>$/, '')} asks you to approve “${this.postName(loaded.post)}” for ${channelNames}${schedule ? `, to publish ${schedule.written}` : ''}.`,
        });
        const when = input.publishNow
          ? 'it will publish as soon as it is approved'
          : schedule
            ? `once approved it will publish ${schedule.written}`
            : 'once approved you can choose when it publishes';
        return {
          emails,
          schedule,
          outcome: 'submitted_for_approval',
          message: `Sent for approval (${policy.approvalsRequired} needed${
            quiet
              ? `; ${quiet.period.name} is in force, so ${rolesText(quiet.period.approverRoles)} must approve`
              : ''
          }). On ${channelNames}, ${when}.`,
        };
      }
      for (const target of ready) {
        await this.setTarget(manager, target, { state: 'approved', scheduledAt: null, publishNow: false });
      }
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'post.approved_without_review',
        subjectType: 'post',
        subjectId: postId,
        summary: { reason: this.policies.directReason(policy, caller.role) },
        ip: caller.ip,
      });
      const outcome = await this.release(
        manager,
        ready,
        schedule?.at ?? null,
        !!input.publishNow,
        caller.actor,
        now,
      );
      return {
        emails: [],
        schedule,
        ...outcome,
        message: this.releaseMessage(outcome.outcome, channelNames, schedule),
      };
    });
    await this.mailer.send(result.emails);
    return {
      post: await this.view(organisationId, postId, caller),
      message: result.message,
      outcome: result.outcome,
      ...(result.schedule ? { schedule: result.schedule } : {}),
    };
  }

  async approve(
    organisationId: string,
    postId: string,
    input: { comment?: string | null; edit?: ComposePostDto },
    caller: Caller,
  ): Promise<PostResultView> {
    const policy = await this.policies.get(organisationId);
    const now = new Date();
    const result = await this.dataSource.transaction(async (manager) => {
      let loaded = await this.load(manager, organisationId, postId, true);
      const waiting = this.assertMayReview(loaded, caller);
      const quiet = await this.quietPeriodFor(
        organisationId,
        waiting,
        waiting.find((t) => t.scheduledAt)?.scheduledAt ?? now,
      );
      if (quiet && !quiet.period.approverRoles.includes(caller.role)) {
        throw new ForbiddenError(
          `${quiet.period.name} is in force on these channels, so ${rolesText(quiet.period.approverRoles)} must approve this post.`,
        );
      }
      const already = await manager.getRepository(Review).findOneBy({
        postId,
        round: loaded.post.reviewRound,
        reviewerId: caller.actor.userId ?? undefined,
        decision: 'approve',
      });
      if (already) {
        throw new ConflictError('You have already approved it. It needs approving by someone else as well.');
      }
      let edit: Review['edit'] = null;
      if (input.edit) {
        if (loaded.post.pair && !input.edit.pair?.length) {
          // An approver's edit is a correction, not a rewrite: it must not turn the pair into one language.
          throw new InvalidInputError(
            'This is a bilingual post: an edit while approving must give both halves in pair. To change more, request changes.',
            [{ field: 'edit.pair', problem: 'is needed for a bilingual post' }],
          );
        }
        if (!policy.approversMayEdit) {
          throw new ForbiddenError(
            'The approval policy does not let approvers change a post while approving it. Request changes instead.',
          );
        }
        // By channel and language: a channel carries both halves of a bilingual post.
        const half = (t: PostTarget) => `${t.channelId}|${t.language ?? ''}`;
        const before = new Map(waiting.map((t) => [half(t), t.parts.map((p) => p.text).join('\n\n')]));
        await this.applyEdit(manager, loaded, input.edit, caller, policy, true);
        loaded = await this.load(manager, organisationId, postId, true);
        edit = loaded.targets
          .filter((t) => t.state === 'in_review')
          .map((t) => ({
            channelId: t.channelId,
            before: before.get(half(t)) ?? '',
            after: t.parts.map((p) => p.text).join('\n\n'),
          }))
          .filter((change) => change.before !== change.after);
      }
      await manager.getRepository(Review).insert({
        postId,
        reviewerId: caller.actor.userId,
        decision: 'approve',
        comment: input.comment ?? null,
        round: loaded.post.reviewRound,
        edit: edit?.length ? edit : null,
      });
      const approvals = await this.approvalsIn(manager, postId, loaded.post.reviewRound);
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'post.approved',
        subjectType: 'post',
        subjectId: postId,
        summary: {
          round: loaded.post.reviewRound,
          approvals,
          required: policy.approvalsRequired,
          edited: !!edit?.length,
        },
        ip: caller.ip,
      });
      const name = caller.actor.label.replace(/\s*<[^>]*>$/, '');
      if (approvals < policy.approvalsRequired) {
        const more = policy.approvalsRequired - approvals;
        return {
          emails: [] as OutgoingEmail[],
          outcome: 'approved',
          message: `Approved by you. It needs ${more} more approval${more === 1 ? '' : 's'} before it can publish.`,
        };
      }
      const ready = loaded.targets.filter((t) => t.state === 'in_review');
      await this.assertPublishable(manager, loaded, ready);
      const publishNow = ready.some((t) => t.publishNow);
      const at = ready.find((t) => t.scheduledAt)?.scheduledAt ?? null;
      for (const target of ready) {
        await this.setTarget(manager, target, { state: 'approved', scheduledAt: null, publishNow: false });
      }
      const released = await this.release(manager, ready, at, publishNow, caller.actor, now);
      const channelNames = ready.map((t) => this.channelName(loaded.channels.get(t.channelId)!)).join(', ');
      const written = at ? formatInZone(at, loaded.organisation.timeZone) : null;
      const message = this.releaseMessage(released.outcome, channelNames, written ? { written } : null);
      const emails = loaded.post.authorId
        ? await this.notifications.notifyUsers(manager, [loaded.post.authorId], {
            organisationId,
            kind: 'post.approved',
            postId,
            subject: 'Your post was approved',
            message: `${name} approved “${this.postName(loaded.post)}”. ${message}`,
          })
        : [];
      return { emails, outcome: released.outcome, message };
    });
    await this.mailer.send(result.emails);
    return {
      post: await this.view(organisationId, postId, caller),
      message: result.message,
      outcome: result.outcome,
    };
  }

  async requestChanges(
    organisationId: string,
    postId: string,
    comment: string,
    caller: Caller,
  ): Promise<PostResultView> {
    return this.decide(organisationId, postId, comment, caller, 'request_changes');
  }

  async reject(
    organisationId: string,
    postId: string,
    comment: string,
    caller: Caller,
  ): Promise<PostResultView> {
    return this.decide(organisationId, postId, comment, caller, 'reject');
  }

  private async decide(
    organisationId: string,
    postId: string,
    comment: string,
    caller: Caller,
    decision: 'request_changes' | 'reject',
  ): Promise<PostResultView> {
    if (!comment?.trim()) {
      throw new InvalidInputError('Write a comment saying what to change, or why not: the author reads it.', [
        { field: 'comment', problem: 'is required' },
      ]);
    }
    const emails = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, organisationId, postId, true);
      const waiting = this.assertMayReview(loaded, caller);
      await manager.getRepository(Review).insert({
        postId,
        reviewerId: caller.actor.userId,
        decision,
        comment,
        round: loaded.post.reviewRound,
      });
      for (const target of waiting) {
        await this.setTarget(manager, target, {
          state: decision === 'reject' ? 'cancelled' : 'changes_requested',
          scheduledAt: target.scheduledAt,
          publishNow: target.publishNow,
        });
      }
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: decision === 'reject' ? 'post.rejected' : 'post.changes_requested',
        subjectType: 'post',
        subjectId: postId,
        summary: { round: loaded.post.reviewRound, comment },
        ip: caller.ip,
      });
      const name = caller.actor.label.replace(/\s*<[^>]*>$/, '');
      return loaded.post.authorId
        ? this.notifications.notifyUsers(manager, [loaded.post.authorId], {
            organisationId,
            kind: decision === 'reject' ? 'post.rejected' : 'post.changes_requested',
            postId,
            subject: decision === 'reject' ? 'Your post was rejected' : 'Changes requested on your post',
            message:
              decision === 'reject'
                ? `${name} rejected “${this.postName(loaded.post)}”: ${comment}`
                : `${name} asks for changes to “${this.postName(loaded.post)}”: ${comment}`,
          })
        : [];
    });
    await this.mailer.send(emails);
    return {
      post: await this.view(organisationId, postId, caller),
      message:
        decision === 'reject'
          ? 'Rejected. The author has been told why; it will not be published.'
          : 'Sent back to the author with your comment.',
      outcome: decision === 'reject' ? 'rejected' : 'changes_requested',
    };
  }

  // ---------------------------------------------------------------- schedule changes

  /** Moves approved, scheduled, failed or missed targets (or the wished-for time of one in review). */
  async schedule(
    organisationId: string,
    postId: string,
    input: { date: string; time: string; targetId?: string },
    caller: Caller,
  ): Promise<PostResultView> {
    const now = new Date();
    const schedule = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, organisationId, postId, false);
      this.assertMayEdit(loaded.post, caller);
      // The halves of a bilingual pair keep one time: moving one moves the pair.
      const targetId = loaded.post.pair ? undefined : input.targetId;
      if (input.targetId) this.chosenTargets(loaded, input.targetId);
      const chosen = this.chosenTargets(loaded, targetId).filter((t) =>
        ['in_review', 'approved', 'scheduled', 'failed', 'missed'].includes(t.state),
      );
      if (!chosen.length) {
        throw new ConflictError(
          this.chosenTargets(loaded, targetId).some((t) => t.state === 'publishing')
            ? 'It is being published right now, so it cannot be moved. Once it is out you can delete it on the network.'
            : 'Nothing here can be scheduled: submit the draft first, or it has already been published or cancelled.',
        );
      }
      const schedule = this.when({ schedule: input }, loaded.organisation.timeZone, now)!;
      for (const target of chosen) {
        if (target.state === 'in_review') {
          await manager.query(
            `UPDATE post_target SET scheduled_at = $2, publish_now = false, updated_at = now() WHERE id = $1 AND state = 'in_review'`,
            [target.id, schedule.at],
          );
          continue;
        }
        await this.scheduling.reschedule(
          manager,
          { targetId: target.id, actor: caller.actor, scheduledAt: schedule.at },
          now,
        );
      }
      return schedule;
    });
    return {
      post: await this.view(organisationId, postId, caller),
      message: `Scheduled for ${schedule.written}.${schedule.adjustmentText ? ` ${schedule.adjustmentText}` : ''}`,
      outcome: 'scheduled',
      schedule,
    };
  }

  async publishNow(
    organisationId: string,
    postId: string,
    targetId: string | undefined,
    expectedVersion: number | undefined,
    caller: Caller,
  ): Promise<PostResultView> {
    await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, organisationId, postId, false);
      this.assertMayEdit(loaded.post, caller);
      // Publishing (or retrying) one half of a bilingual pair publishes the pair: the other half follows it at
      // once instead of waiting for its own time, and the engine keeps the order.
      const pairWide = !!(targetId && loaded.post.pair);
      if (pairWide) this.chosenTargets(loaded, targetId);
      const chosen = this.chosenTargets(loaded, pairWide ? undefined : targetId).filter((t) =>
        ['approved', 'scheduled', 'failed', 'missed'].includes(t.state),
      );
      if (!chosen.length) {
        throw new ConflictError(
          'Only approved, scheduled, failed or missed posts can be published now. A draft must be submitted first.',
        );
      }
      for (const target of chosen) {
        await this.scheduling.publishNow(manager, {
          targetId: target.id,
          actor: caller.actor,
          expectedVersion: targetId && target.id === targetId ? expectedVersion : undefined,
        });
      }
    });
    return {
      post: await this.view(organisationId, postId, caller),
      message: 'Publishing now. This page will show each channel’s link once it is out.',
      outcome: 'publishing_now',
    };
  }

  async cancel(
    organisationId: string,
    postId: string,
    targetId: string | undefined,
    expectedVersion: number | undefined,
    caller: Caller,
  ): Promise<PostResultView> {
    const count = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, organisationId, postId, false);
      this.assertMayEdit(loaded.post, caller);
      if (targetId && loaded.post.pair) {
        this.chosenTargets(loaded, targetId);
        throw new ConflictError(
          `This is one half of a ${pairName(loaded.post.pair.languages)} pair, and neither half goes out alone: cancel the whole post, or edit it to make it a single-language post.`,
        );
      }
      const chosen = this.chosenTargets(loaded, targetId).filter((t) => CANCELLABLE.includes(t.state));
      if (!chosen.length) {
        const publishing = loaded.targets.some((t) => t.state === 'publishing');
        throw new ConflictError(
          publishing
            ? 'It is being published right now, so it cannot be cancelled. Once it is out you can delete it on the network.'
            : 'There is nothing left to cancel: it has been published or cancelled already.',
        );
      }
      for (const target of chosen) {
        await this.scheduling.cancel(manager, {
          targetId: target.id,
          actor: caller.actor,
          expectedVersion: targetId ? expectedVersion : undefined,
        });
      }
      return chosen.length;
    });
    return {
      post: await this.view(organisationId, postId, caller),
      message: `Cancelled on ${count} channel${count === 1 ? '' : 's'}. Nothing will be published there.`,
      outcome: 'cancelled',
    };
  }

  // ---------------------------------------------------------------- reading

  async view(organisationId: string, postId: string, caller: Caller): Promise<PostView> {
    const [view] = await this.views(organisationId, [postId], caller);
    if (!view) throw new NotFoundError('This organisation has no post with that id.');
    return view;
  }

  async page(organisationId: string, postId: string, caller: Caller): Promise<PostPageView> {
    const base = await this.view(organisationId, postId, caller);
    const targetIds = base.targets.map((t) => t.id);
    const attempts = targetIds.length
      ? await this.dataSource.getRepository(PublishAttempt).find({
          where: { targetId: In(targetIds) },
          order: { startedAt: 'ASC' },
        })
      : [];
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    const targets = await this.dataSource.getRepository(PostTarget).findBy({ postId });
    const channels = await this.channelsById(
      this.dataSource.manager,
      targets.map((t) => t.channelId),
    );
    const post = await this.dataSource.getRepository(Post).findOneByOrFail({ id: postId });
    const reviews = await this.dataSource
      .getRepository(Review)
      .find({ where: { postId }, order: { createdAt: 'ASC' } });
    const reviewers = await this.names(reviews.map((r) => r.reviewerId));
    const held = await this.holds(organisationId);
    const audit = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.organisation_id = :organisationId', { organisationId })
      .andWhere(
        "((a.subject_type = 'post' AND a.subject_id = :postId) OR (a.subject_type = 'post_target' AND a.subject_id IN (:...targetIds)))",
        { postId, targetIds: targetIds.length ? targetIds : ['none'] },
      )
      .orderBy('a.seq', 'ASC')
      .limit(500)
      .getMany();
    return {
      ...base,
      targets: base.targets.map((view) => {
        const target = targets.find((t) => t.id === view.id)!;
        return targetView(
          target,
          channels.get(target.channelId)!,
          organisation.timeZone,
          this.sharedParts(post, target.language),
          attempts.filter((a) => a.targetId === target.id),
          held(target),
        );
      }),
      reviews: reviews.map((review) => {
        const name = review.reviewerId ? (reviewers.get(review.reviewerId) ?? null) : null;
        return {
          id: review.id,
          decision: review.decision,
          decisionText: reviewDecisionText(review, name),
          reviewer: review.reviewerId && name ? { id: review.reviewerId, name } : null,
          comment: review.comment,
          round: review.round,
          current: review.round === post.reviewRound,
          edit: review.edit,
          createdAt: review.createdAt,
        };
      }),
      audit: audit.map((event) => ({
        id: event.id,
        action: event.action,
        actor: event.actorLabel.replace(/\s*<[^>]*>$/, ''),
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        summary: event.summary,
        createdAt: event.createdAt,
      })),
    };
  }

  /** Posts, newest first, by keyset on (created_at, id). */
  async list(
    organisationId: string,
    query: { state?: string; mine?: string; cursor?: string },
    caller: Caller,
  ): Promise<PostListView> {
    const limit = 50;
    const qb = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .select(['p.id', 'p.createdAt'])
      .where('p.organisation_id = :organisationId', { organisationId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit + 1);
    if (query.state) {
      qb.andWhere('EXISTS (SELECT 1 FROM post_target t WHERE t.post_id = p.id AND t.state = :state)', {
        state: query.state,
      });
    }
    if (query.mine === 'true') qb.andWhere('p.author_id = :me', { me: caller.actor.userId });
    if (query.cursor) {
      const [at, id] = Buffer.from(query.cursor, 'base64url').toString().split('|');
      if (!at || !id || Number.isNaN(Date.parse(at))) {
        throw new InvalidInputError(
          'The cursor is not one this list gave: start again from the first page.',
          [{ field: 'cursor', problem: 'is not valid' }],
        );
      }
      qb.andWhere('(p.created_at, p.id) < (:at, :id)', { at: new Date(at), id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.views(
        organisationId,
        page.map((p) => p.id),
        caller,
      ),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
          : null,
    };
  }

  /** What waits for this person's decision: in review, not theirs, not yet approved by them this round. */
  async approvalQueue(organisationId: string, caller: Caller): Promise<PostView[]> {
    if (!REVIEWER_ROLES.includes(caller.role)) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM post p WHERE ${WAITING_FOR_CALLER} ORDER BY p.updated_at ASC LIMIT 200`,
      [organisationId, caller.actor.userId],
    );
    return this.views(
      organisationId,
      rows.map((r) => r.id),
      caller,
    );
  }

  /** How many posts the approval queue holds for this person (the navigation's count), without building them. */
  async approvalCount(organisationId: string, caller: Caller): Promise<number> {
    if (!REVIEWER_ROLES.includes(caller.role)) return 0;
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM post p WHERE ${WAITING_FOR_CALLER}`,
      [organisationId, caller.actor.userId],
    )) as Array<{ n: number }>;
    return row.n;
  }

  async calendar(
    organisationId: string,
    query: { from: string; to: string; channelId?: string; state?: string },
  ): Promise<CalendarView> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(to > from)) {
      throw new InvalidInputError('to must be after from.', [{ field: 'to', problem: 'is not after from' }]);
    }
    if (to.getTime() - from.getTime() > CALENDAR_MAX_DAYS * 86_400_000) {
      throw new InvalidInputError(`Ask for at most ${CALENDAR_MAX_DAYS} days at a time.`, [
        { field: 'to', problem: `is more than ${CALENDAR_MAX_DAYS} days after from` },
      ]);
    }
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    const rows: Array<{ id: string; title: string | null; at: Date; pair: PostLanguagePair | null }> =
      await this.dataSource.query(
        `SELECT t.id, p.title, p.pair, COALESCE(t.published_at, t.scheduled_at) AS at
         FROM post_target t JOIN post p ON p.id = t.post_id
        WHERE t.organisation_id = $1 AND COALESCE(t.published_at, t.scheduled_at) >= $2
          AND COALESCE(t.published_at, t.scheduled_at) < $3
          AND ($4::uuid IS NULL OR t.channel_id = $4) AND ($5::text IS NULL OR t.state = $5)
        ORDER BY at, t.id LIMIT $6`,
        [organisationId, from, to, query.channelId ?? null, query.state ?? null, CALENDAR_LIMIT + 1],
      );
    const page = rows.slice(0, CALENDAR_LIMIT);
    const targets = page.length
      ? await this.dataSource.getRepository(PostTarget).findBy({ id: In(page.map((r) => r.id)) })
      : [];
    const byId = new Map(targets.map((t) => [t.id, t]));
    const held = await this.holds(organisationId);
    const channels = await this.channelsById(
      this.dataSource.manager,
      targets.map((t) => t.channelId),
    );
    // A bilingual post is one item (at its first half's time), listing every half with its own state.
    const halves = new Map<string, PostTarget[]>();
    for (const target of targets) {
      if (!target.language) continue;
      halves.set(target.postId, [...(halves.get(target.postId) ?? []), target]);
    }
    const seenPairs = new Set<string>();
    const rowsShown = page.filter((row) => {
      const target = byId.get(row.id)!;
      if (!target.language) return true;
      if (seenPairs.has(target.postId)) return false;
      seenPairs.add(target.postId);
      return true;
    });
    return {
      from,
      to,
      timeZone: organisation.timeZone,
      truncated: rows.length > CALENDAR_LIMIT,
      items: rowsShown.map((row) => {
        const target = byId.get(row.id)!;
        const text = target.parts[0]?.text ?? '';
        const order: string[] = row.pair?.languages ?? [];
        const pairHalves = target.language
          ? (halves.get(target.postId) ?? []).sort(
              (a, b) => order.indexOf(a.language!) - order.indexOf(b.language!),
            )
          : null;
        return {
          halves: pairHalves
            ? pairHalves.map((half) => ({
                targetId: half.id,
                language: half.language!,
                languageName: languageName(half.language!),
                channel: channelSummary(channels.get(half.channelId)!),
                state: half.state,
                stateText: targetStateText(half, organisation.timeZone, held(half)),
              }))
            : null,
          targetId: target.id,
          postId: target.postId,
          title: row.title,
          excerpt: text.length > 80 ? `${text.slice(0, 79)}…` : text,
          channel: channelSummary(channels.get(target.channelId)!),
          state: target.state,
          stateText: targetStateText(target, organisation.timeZone, held(target)),
          at: new Date(row.at),
          atText: formatInZone(new Date(row.at), organisation.timeZone),
          externalUrl: target.externalUrl,
          version: target.version,
        };
      }),
    };
  }

  // ---------------------------------------------------------------- internals

  private async views(organisationId: string, postIds: string[], caller: Caller): Promise<PostView[]> {
    if (!postIds.length) return [];
    const posts = await this.dataSource.getRepository(Post).findBy({ id: In(postIds), organisationId });
    if (!posts.length) return [];
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    const targets = await this.dataSource
      .getRepository(PostTarget)
      .find({ where: { postId: In(posts.map((p) => p.id)) }, order: { createdAt: 'ASC' } });
    const channels = await this.channelsById(
      this.dataSource.manager,
      targets.map((t) => t.channelId),
    );
    const authors = await this.names(posts.map((p) => p.authorId));
    const policy = await this.policies.get(organisationId);
    const approvals: Array<{ post_id: string; reviewer_id: string | null }> = await this.dataSource.query(
      `SELECT r.post_id, r.reviewer_id FROM review r JOIN post p ON p.id = r.post_id
        WHERE r.post_id = ANY($1::uuid[]) AND r.round = p.review_round AND r.decision = 'approve'`,
      [posts.map((p) => p.id)],
    );
    const held = await this.holds(organisationId);
    // Who may approve during a quiet period in force on a post waiting for review.
    const quietRoles = new Map<string, { name: string; roles: Role[] }>();
    if (REVIEWER_ROLES.includes(caller.role)) {
      for (const post of posts) {
        const waiting = targets.filter((t) => t.postId === post.id && t.state === 'in_review');
        if (!waiting.length) continue;
        const quiet = await this.quietPeriodFor(
          organisationId,
          waiting,
          waiting.find((t) => t.scheduledAt)?.scheduledAt ?? new Date(),
        );
        if (quiet) quietRoles.set(post.id, { name: quiet.period.name, roles: quiet.period.approverRoles });
      }
    }
    const order = new Map(postIds.map((id, index) => [id, index]));
    return posts
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((post) => {
        // Targets saved together share created_at: order by network and handle too, so the tabs keep still.
        const own = targets
          .filter((t) => t.postId === post.id)
          .sort(
            (a, b) =>
              a.createdAt.getTime() - b.createdAt.getTime() ||
              `${channels.get(a.channelId)?.network}${channels.get(a.channelId)?.handle}`.localeCompare(
                `${channels.get(b.channelId)?.network}${channels.get(b.channelId)?.handle}`,
              ) ||
              // The halves of a bilingual post in the order they go out.
              (post.pair?.languages.indexOf(a.language ?? '') ?? 0) -
                (post.pair?.languages.indexOf(b.language ?? '') ?? 0),
          );
        const approvers = approvals.filter((a) => a.post_id === post.id).map((a) => a.reviewer_id);
        const { state, stateText } = this.postState(own, organisation.timeZone);
        return {
          id: post.id,
          pair: post.pair
            ? {
                halves: post.pair.languages.map((language, index) => ({
                  language,
                  languageName: languageName(language),
                  text: post.pair!.texts[index],
                })),
                name: pairName(post.pair.languages),
              }
            : null,
          title: post.title,
          internalNote: post.internalNote,
          text: post.sharedText,
          mediaIds: post.sharedMediaIds,
          link: post.sharedLink,
          author: post.authorId
            ? { id: post.authorId, name: authors.get(post.authorId) ?? 'a former member' }
            : null,
          state,
          stateText,
          reviewRound: post.reviewRound,
          approval: this.approvalStatus(
            post,
            own,
            policy,
            approvers,
            caller,
            quietRoles.get(post.id) ?? null,
          ),
          targets: own.map((t) =>
            targetView(
              t,
              channels.get(t.channelId)!,
              organisation.timeZone,
              this.sharedParts(post, t.language),
              undefined,
              held(t),
            ),
          ),
          createdAt: post.createdAt,
          updatedAt: post.updatedAt,
        };
      });
  }

  private approvalStatus(
    post: Post,
    targets: PostTarget[],
    policy: EffectivePolicy,
    approvers: Array<string | null>,
    caller: Caller,
    quiet: { name: string; roles: Role[] } | null,
  ): ApprovalStatusView {
    let cannot: string | null = null;
    if (!REVIEWER_ROLES.includes(caller.role)) cannot = 'Only approvers, admins and owners review posts.';
    else if (quiet && !quiet.roles.includes(caller.role))
      cannot = `${quiet.name} is in force on these channels, so ${rolesText(quiet.roles)} must approve this post.`;
    else if (post.authorId === caller.actor.userId)
      cannot = 'You wrote this post, so someone else must review it.';
    else if (!targets.some((t) => t.state === 'in_review')) cannot = 'It is not waiting for approval.';
    else if (approvers.includes(caller.actor.userId)) cannot = 'You have already approved it.';
    return {
      required: this.policies.needsApproval(policy, caller.role),
      approvalsRequired: policy.approvalsRequired,
      approvals: new Set(approvers).size,
      canReview: cannot === null,
      cannotReviewBecause: cannot,
      mayEditWhileApproving: cannot === null && policy.approversMayEdit,
    };
  }

  private postState(targets: PostTarget[], zone: string): { state: string; stateText: string } {
    const live = targets.filter((t) => t.state !== 'cancelled');
    if (!targets.length) return { state: 'draft', stateText: 'Draft with no channels' };
    if (!live.length) return { state: 'cancelled', stateText: 'Cancelled' };
    const states = new Set(live.map((t) => t.state));
    if (states.size === 1) {
      const state = live[0].state;
      const text = targetStateText(live[0], zone);
      const n = live.length;
      if (state === 'published')
        return { state, stateText: `Published on ${n} channel${n === 1 ? '' : 's'}` };
      return { state, stateText: text };
    }
    const counts = new Map<string, number>();
    for (const t of live) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
    const words = [...counts].map(([state, n]) => `${state.replace('_', ' ')} on ${n}`).join(', ');
    const state =
      states.has('published') && (states.has('failed') || states.has('missed'))
        ? 'partly_published'
        : 'mixed';
    return { state, stateText: words.charAt(0).toUpperCase() + words.slice(1) };
  }

  /** What a target starts from: the shared text, or for half of a bilingual post its language's text. */
  private sharedParts(post: Post, language: string | null = null): PostTargetPart[] {
    const index = language && post.pair ? post.pair.languages.indexOf(language) : -1;
    const text = index >= 0 ? post.pair!.texts[index] : post.sharedText;
    return [{ text, mediaIds: post.sharedMediaIds ?? [], link: post.sharedLink ?? null }];
  }

  private async load(
    manager: EntityManager,
    organisationId: string,
    postId: string,
    lock: boolean,
  ): Promise<Loaded> {
    const qb = manager
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.id = :postId AND p.organisation_id = :organisationId', {
        postId,
        organisationId,
      });
    if (lock) qb.setLock('pessimistic_write');
    const post = await qb.getOne();
    if (!post) throw new NotFoundError('This organisation has no post with that id.');
    const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
    const targets = await manager
      .getRepository(PostTarget)
      .find({ where: { postId }, order: { createdAt: 'ASC' } });
    const channels = await this.channelsById(
      manager,
      targets.map((t) => t.channelId),
    );
    return { post, organisation, targets, channels };
  }

  private chosenTargets(loaded: Loaded, targetId: string | undefined): PostTarget[] {
    if (!targetId) return loaded.targets;
    const target = loaded.targets.find((t) => t.id === targetId);
    if (!target) throw new NotFoundError('This post has no channel target with that id.');
    return [target];
  }

  /** Editors change their own posts; approvers, admins and owners anyone's. */
  private assertMayEdit(post: Post, caller: Caller): void {
    if (caller.role === 'editor' && post.authorId !== caller.actor.userId) {
      throw new ForbiddenError('Editors can change only their own posts. Ask the author or an approver.');
    }
  }

  private assertMayReview(loaded: Loaded, caller: Caller): PostTarget[] {
    if (loaded.post.authorId === caller.actor.userId) {
      throw new ForbiddenError(
        'You wrote this post, so someone else must approve it. Authors never approve their own work.',
      );
    }
    const waiting = loaded.targets.filter((t) => t.state === 'in_review');
    if (!waiting.length) throw new ConflictError('It is not waiting for approval.');
    return waiting;
  }

  private async approvalsIn(manager: EntityManager, postId: string, round: number): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(DISTINCT reviewer_id)::int AS count FROM review WHERE post_id = $1 AND round = $2 AND decision = 'approve'`,
      [postId, round],
    );
    return count;
  }

  /** Sets state (and schedule intent) of a pre-publishing target, bumping its version. */
  private async setTarget(
    manager: EntityManager,
    target: PostTarget,
    change: { state: PostTargetState; scheduledAt: Date | null; publishNow: boolean },
  ): Promise<void> {
    const rows = returnedRows<{ id: string }>(
      await manager.query(
        `UPDATE post_target SET state = $3, scheduled_at = $4, publish_now = $5, version = version + 1,
              not_before = NULL, last_error = NULL, held_reason = NULL, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
        [target.id, target.version, change.state, change.scheduledAt, change.publishNow],
      ),
    );
    if (!rows.length)
      throw new ConflictError('Someone changed this post meanwhile: reload it and try again.');
    await this.audit.record(manager, {
      organisationId: target.organisationId,
      actor: { userId: null, label: 'system' },
      action: `post_target.${change.state}`,
      subjectType: 'post_target',
      subjectId: target.id,
      summary: {
        channelId: target.channelId,
        from: target.state,
        to: change.state,
        version: target.version + 1,
      },
    });
    target.version += 1;
    target.state = change.state;
  }

  /** Approved targets go on their way: published now, scheduled, or left approved when the time has passed. */
  private async release(
    manager: EntityManager,
    targets: PostTarget[],
    at: Date | null,
    publishNow: boolean,
    actor: AuditActor,
    now: Date,
  ): Promise<{ outcome: string }> {
    if (publishNow) {
      for (const target of targets)
        await this.scheduling.publishNow(manager, { targetId: target.id, actor }, now);
      return { outcome: 'publishing_now' };
    }
    if (!at) return { outcome: 'approved' };
    if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
      for (const target of targets) {
        await manager.query(`UPDATE post_target SET last_error = $2 WHERE id = $1`, [
          target.id,
          'the time chosen passed while it waited for approval: choose a new time or publish it now',
        ]);
      }
      return { outcome: 'approved_time_passed' };
    }
    for (const target of targets) {
      await this.scheduling.reschedule(manager, { targetId: target.id, actor, scheduledAt: at }, now);
    }
    return { outcome: 'scheduled' };
  }

  private releaseMessage(outcome: string, channels: string, schedule: { written: string } | null): string {
    if (outcome === 'publishing_now') return `Publishing now to ${channels}.`;
    if (outcome === 'scheduled') return `Scheduled: it will publish to ${channels} ${schedule?.written}.`;
    if (outcome === 'approved_time_passed') {
      return `Approved, but the time chosen has passed: choose a new time or publish it now (${channels}).`;
    }
    return `Approved for ${channels}. Choose when it publishes.`;
  }

  /** The wall time typed, as an instant; a time in the past is refused. */
  private when(
    input: { schedule?: { date: string; time: string }; publishNow?: boolean },
    zone: string,
    now: Date,
  ): ScheduleView | null {
    if (input.publishNow && input.schedule) {
      throw new InvalidInputError('Choose either a time or “publish now”, not both.', [
        { field: 'schedule', problem: 'cannot be given with publishNow' },
      ]);
    }
    if (!input.schedule) return null;
    let zoned;
    try {
      zoned = zonedWallTimeToInstant(input.schedule.date, input.schedule.time, zone);
    } catch {
      throw new InvalidInputError(`${input.schedule.date} is not a date on the calendar.`, [
        { field: 'schedule.date', problem: 'is not a real date' },
      ]);
    }
    const view = scheduleView(input.schedule.date, input.schedule.time, zoned, zone);
    if (zoned.instant.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
      throw new InvalidInputError(
        `${view.written} has already passed. Choose a time in the future, or publish it now.`,
        [{ field: 'schedule', problem: 'is in the past' }],
      );
    }
    return view;
  }

  private async applyEdit(
    manager: EntityManager,
    loaded: Loaded,
    dto: ComposePostDto,
    caller: Caller,
    policy: EffectivePolicy,
    whileApproving: boolean,
  ): Promise<{ outcome: string; emails: OutgoingEmail[] }> {
    const { post, targets } = loaded;
    if (targets.some((t) => t.state === 'publishing')) {
      throw new ConflictError(
        'It is being published right now, so it cannot be changed. Try again in a moment.',
      );
    }
    const { variants, pair } = await this.resolve(manager, post.organisationId, dto);
    await manager.getRepository(Post).update(
      { id: post.id },
      {
        title: dto.title ?? null,
        internalNote: dto.internalNote ?? null,
        pair,
        sharedText: pair ? pair.texts[0] : dto.text,
        sharedMediaIds: dto.mediaIds ?? [],
        sharedLink: dto.link ?? null,
      },
    );
    const submitted = targets.some((t) => ['in_review', 'approved', 'scheduled'].includes(t.state));
    const live = targets.filter((t) => t.state !== 'cancelled');
    const contentChanged =
      variants.length !== live.length ||
      variants.some((variant) => {
        const existing = live.find((t) => sameHalf(t, variant.channel.id, variant.language));
        return !existing || JSON.stringify(existing.parts) !== JSON.stringify(variant.parts);
      });
    const quiet = submitted
      ? await this.quietPeriodFor(
          post.organisationId,
          live,
          live.find((t) => t.scheduledAt)?.scheduledAt ?? new Date(),
        )
      : null;
    const backToReview =
      submitted &&
      contentChanged &&
      !whileApproving &&
      (this.policies.needsApproval(policy, caller.role) || quiet !== null);
    // An approval is of the content the approver saw: any change to a post in review starts a new round, so
    // approvals given before it (by anyone but an approver editing as they approve) no longer count.
    const newRound = backToReview || (contentChanged && targets.some((t) => t.state === 'in_review'));
    const round = newRound ? post.reviewRound + 1 : post.reviewRound;
    if (newRound) await manager.getRepository(Post).update({ id: post.id }, { reviewRound: round });
    const changed: string[] = [];
    for (const variant of variants) {
      const existing = targets.find(
        (t) => sameHalf(t, variant.channel.id, variant.language) && t.state !== 'cancelled',
      );
      if (!existing) {
        // A channel added to a submitted post joins it in review (or approved, where no approval is needed).
        const state: PostTargetState = !submitted
          ? 'draft'
          : backToReview || whileApproving
            ? 'in_review'
            : 'approved';
        const ref = targets.find((t) => PRE_PUBLISH.includes(t.state));
        await manager.getRepository(PostTarget).insert({
          postId: post.id,
          organisationId: post.organisationId,
          channelId: variant.channel.id,
          language: variant.language,
          parts: variant.parts,
          state,
          scheduledAt: ref?.scheduledAt ?? null,
          publishNow: state === 'in_review' ? (ref?.publishNow ?? false) : false,
        });
        changed.push(variant.channel.id);
        continue;
      }
      if (!EDITABLE.includes(existing.state)) continue;
      const contentChanged = JSON.stringify(existing.parts) !== JSON.stringify(variant.parts);
      const toReview =
        backToReview && ['in_review', 'approved', 'scheduled', 'failed', 'missed'].includes(existing.state);
      if (!contentChanged && !toReview) continue;
      const state = toReview ? 'in_review' : existing.state;
      await manager.query(
        `UPDATE post_target SET parts = $2::jsonb, state = $3, version = version + 1, held_reason = NULL, updated_at = now() WHERE id = $1`,
        [existing.id, JSON.stringify(variant.parts), state],
      );
      changed.push(existing.channelId);
      if (state === 'scheduled') await this.scheduler.schedule(manager, existing.id);
    }
    for (const target of targets) {
      if (variants.some((v) => sameHalf(target, v.channel.id, v.language))) continue;
      if (!CANCELLABLE.includes(target.state)) continue;
      await this.scheduling.cancel(manager, { targetId: target.id, actor: caller.actor });
      changed.push(target.channelId);
    }
    await this.audit.record(manager, {
      organisationId: post.organisationId,
      actor: caller.actor,
      action: whileApproving ? 'post.edited_while_approving' : 'post.edited',
      subjectType: 'post',
      subjectId: post.id,
      summary: { channels: changed, backToReview, round },
      ip: caller.ip,
    });
    let emails: OutgoingEmail[] = [];
    if (backToReview) {
      emails = await this.notifications.notifyRoles(manager, REVIEWER_ROLES, post.authorId, {
        organisationId: post.organisationId,
        kind: 'post.submitted',
        postId: post.id,
        subject: 'An edited post needs approving again',
        message: `“${this.postName(post)}” was changed after it was submitted, so it needs approving again.`,
      });
    }
    return { outcome: backToReview ? 'back_to_review' : 'saved', emails };
  }

  /**
   * The channels and their variants. Refuses (400, naming it) a channel that is not the organisation's or not
   * connected, media that is not the organisation's, and an image without alt text.
   */
  private async resolve(
    manager: EntityManager,
    organisationId: string,
    dto: ComposePostDto,
  ): Promise<{ variants: ResolvedVariant[]; pair: PostLanguagePair | null }> {
    const result = await this.check(manager, organisationId, dto);
    const blocking = [...result.problems];
    for (const channel of result.channels) {
      if (!channel.channel || channel.channel.status !== 'connected') blocking.push(...channel.problems);
    }
    const altProblems = result.channels
      .flatMap((c) => c.problems)
      .filter((p) => p.startsWith('Add alt text'));
    blocking.push(...new Set(altProblems));
    if (blocking.length) {
      const unique = [...new Set(blocking)];
      throw new InvalidInputError(
        unique[0],
        unique.map((problem) => ({ field: 'channels', problem })),
      );
    }
    const channels = await this.channelsById(
      manager,
      dto.channels.map((c) => c.channelId),
    );
    const { pair, variants } = await this.expand(organisationId, dto);
    return {
      pair,
      variants: variants.map((variant) => ({
        channel: channels.get(variant.channelId)!,
        language: variant.language,
        parts: variant.parts,
      })),
    };
  }

  /**
   * What the post goes out as: one target per channel or, for a bilingual post, one per channel and language (a
   * channel given a language carries only that half: a Welsh account paired with an English one). The pair is
   * put in publishing order: the organisation's first language first when the pair has it. Refuses (400) a pair
   * that is not two different known languages, a channel language outside the pair, and a channel's own parts
   * on a bilingual post without saying which language they are.
   */
  private async expand(
    organisationId: string,
    dto: ComposePostDto,
  ): Promise<{ pair: PostLanguagePair | null; variants: ExpandedVariant[] }> {
    const shared = (text: string): PostTargetPart[] => [
      { text, mediaIds: dto.mediaIds ?? [], link: dto.link ?? null },
    ];
    const own = (parts: NonNullable<ComposePostDto['channels'][number]['parts']>): PostTargetPart[] =>
      parts.map((p) => ({ text: p.text, mediaIds: p.mediaIds ?? [], link: p.link ?? null }));
    if (!dto.pair) {
      const withLanguage = dto.channels.findIndex((c) => c.language);
      if (withLanguage >= 0) {
        throw new InvalidInputError(
          'A channel’s language is for bilingual posts: give the pair of languages too, or leave the language out.',
          [{ field: `channels[${withLanguage}].language`, problem: 'is only for bilingual posts' }],
        );
      }
      return {
        pair: null,
        variants: dto.channels.map((c) => ({
          channelId: c.channelId,
          language: null,
          parts: c.parts?.length ? own(c.parts) : shared(dto.text),
        })),
      };
    }
    if (dto.pair.length !== 2) {
      throw new InvalidInputError(
        `A bilingual post has exactly two halves, one for each language; this has ${dto.pair.length}.`,
        [{ field: 'pair', problem: 'must have two halves' }],
      );
    }
    dto.pair.forEach((half, index) => assertPairLanguage(half.language, `pair[${index}].language`));
    if (dto.pair[0].language === dto.pair[1].language) {
      throw new InvalidInputError(
        `Both halves are in ${languageName(dto.pair[0].language)}: choose two different languages.`,
        [{ field: 'pair[1].language', problem: 'is the same as the first half' }],
      );
    }
    const { document } = await this.bilingual.get(organisationId);
    const [a, b] = orderPair([dto.pair[0], dto.pair[1]], document.firstLanguage);
    const pair: PostLanguagePair = { languages: [a.language, b.language], texts: [a.text, b.text] };
    const variants: ExpandedVariant[] = [];
    for (const [index, c] of dto.channels.entries()) {
      if (c.language && !pair.languages.includes(c.language)) {
        throw new InvalidInputError(
          `This post pairs ${pairName(pair.languages)}, so a channel’s language must be ${pair.languages.join(' or ')}.`,
          [{ field: `channels[${index}].language`, problem: 'is not one of the pair' }],
        );
      }
      if (!c.language && c.parts?.length) {
        throw new InvalidInputError(
          'On a bilingual post a channel’s own wording is for one language: say which with its language.',
          [{ field: `channels[${index}].language`, problem: 'is needed with parts on a bilingual post' }],
        );
      }
      for (const language of c.language ? [c.language] : pair.languages) {
        variants.push({
          channelId: c.channelId,
          language,
          parts: c.parts?.length ? own(c.parts) : shared(pair.texts[pair.languages.indexOf(language)]),
        });
      }
    }
    return { pair, variants };
  }

  /** Refuses to send content any channel's rules refuse (too long, too many images, no alt text...). */
  private async assertPublishable(
    manager: EntityManager,
    loaded: Loaded,
    targets: PostTarget[],
  ): Promise<void> {
    const problems: string[] = [];
    if (loaded.post.pair) {
      // Neither half goes out alone: both are submitted, approved and published together.
      for (const target of loaded.targets.filter((t) => t.language && t.state !== 'cancelled')) {
        if (target.parts.some((p) => p.text.trim() || p.mediaIds?.length)) continue;
        const channel = loaded.channels.get(target.channelId)!;
        problems.push(
          `Write the ${languageName(target.language!)} half for ${this.channelName(channel)}: a bilingual post needs both languages before it can go for approval or be scheduled.`,
        );
      }
    }
    const media = await this.mediaById(
      manager,
      loaded.post.organisationId,
      targets.flatMap((t) => t.parts.flatMap((p) => p.mediaIds)),
    );
    for (const target of targets) {
      const channel = loaded.channels.get(target.channelId)!;
      problems.push(...(await this.channelProblems(channel, target.parts, media)).problems);
    }
    // The writing coach's hints the organisation made mandatory (guardrail settings) stop a post going out.
    const coached = new Set<string>();
    for (const part of targets.flatMap((t) => t.parts)) {
      if (coached.has(part.text)) continue;
      coached.add(part.text);
      const advice = await this.coach.coach(loaded.post.organisationId, {
        text: part.text,
        media: (part.mediaIds ?? []).map((id) => ({ altText: media.get(id)?.altText ?? null })),
      });
      for (const hint of advice.blocking) {
        problems.push(
          `Your organisation asks for this to be fixed before anything is published: ${hint.message}`,
        );
      }
    }
    if (problems.length) {
      throw new InvalidInputError(
        problems[0],
        problems.map((problem) => ({ field: 'channels', problem })),
      );
    }
  }

  private async check(
    manager: EntityManager,
    organisationId: string,
    dto: ComposePostDto,
  ): Promise<ValidationResultView> {
    const problems: string[] = [];
    const ids = dto.channels.map((c) => c.channelId);
    if (!ids.length) problems.push('Choose at least one channel to publish to.');
    const { variants } = await this.expand(organisationId, dto);
    const keys = variants.map((v) => `${v.channelId}|${v.language ?? ''}`);
    const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
    if (duplicate) {
      problems.push(
        dto.pair
          ? 'A channel is listed twice for the same language: list each channel once for each language.'
          : 'A channel is listed twice: list each channel once.',
      );
    }
    const channels = await this.channelsById(manager, ids, organisationId);
    const allMedia = [
      ...(dto.mediaIds ?? []),
      ...dto.channels.flatMap((c) => (c.parts ?? []).flatMap((p) => p.mediaIds ?? [])),
    ];
    const media = await this.mediaById(manager, organisationId, allMedia);
    for (const id of new Set(allMedia)) {
      if (!media.has(id))
        problems.push(`No uploaded image or video of this organisation has the id ${id}: upload it again.`);
    }
    const results: ChannelValidationView[] = [];
    for (const variant of variants) {
      const channel = channels.get(variant.channelId);
      if (!channel) {
        results.push({
          channelId: variant.channelId,
          language: variant.language,
          channel: null,
          parts: [],
          problems: [
            `This organisation has no channel with the id ${variant.channelId}: choose one of its channels.`,
          ],
          ok: false,
        });
        continue;
      }
      const checked = await this.channelProblems(channel, variant.parts, media);
      if (variant.language && variant.parts.every((p) => !p.text.trim() && !p.mediaIds.length)) {
        // A draft may wait for its translation; it cannot be submitted without it.
        checked.problems = [
          `Write the ${languageName(variant.language)} half: a bilingual post needs both languages before it can go for approval or be scheduled.`,
        ];
      }
      results.push({
        channelId: channel.id,
        language: variant.language,
        channel: channelSummary(channel),
        ...checked,
        ok: !checked.problems.length,
      });
    }
    return { ok: !problems.length && results.every((r) => r.ok), channels: results, problems };
  }

  private async channelProblems(
    channel: Channel,
    parts: PostTargetPart[],
    media: Map<string, MediaAsset>,
  ): Promise<{ parts: ChannelValidationView['parts']; problems: string[] }> {
    const network = networkName(channel.network);
    const name = this.channelName(channel);
    const problems: string[] = [];
    if (channel.status !== 'connected') {
      problems.push(
        channel.status === 'disabled'
          ? `The ${name} channel is switched off: switch it on or choose another channel.`
          : `The ${name} channel needs reconnecting before anything can be published on it: reconnect it under Channels.`,
      );
    }
    const rules = await this.registry.get(channel.network).contentRules();
    if (parts.length > 1 && !rules.threads) {
      problems.push(`${network} does not have threads: put everything in one post.`);
    }
    const counts = parts.map((part, index) => {
      const characters = rules.countCharacters(part.text);
      const which = parts.length > 1 ? ` (part ${index + 1} of the thread)` : '';
      if (characters > rules.maxCharacters) {
        problems.push(
          `${network} says this post${which} is too long: ${characters} of ${rules.maxCharacters} characters. ${
            rules.threads ? 'Shorten it or split it into a thread.' : 'Shorten it.'
          }`,
        );
      }
      const ids = part.mediaIds ?? [];
      if (!part.text.trim() && !ids.length) problems.push(`Write something to post on ${network}${which}.`);
      if (rules.requiresMedia && index === 0 && !ids.length) {
        problems.push(`${network} cannot publish text alone: add an image or a video.`);
      }
      if (ids.length > rules.maxMediaPerPost) {
        problems.push(
          `${network} takes at most ${rules.maxMediaPerPost} images or videos in a post${which}; this has ${ids.length}.`,
        );
      }
      for (const id of ids) {
        const asset = media.get(id);
        if (!asset) continue;
        if (isImage(asset.mimeType) && !asset.altText?.trim()) {
          problems.push(`Add alt text to the image ${asset.filename}: people who cannot see it rely on it.`);
        }
        if (!rules.mediaTypes.includes(asset.mimeType)) {
          problems.push(
            `${network} cannot take ${asset.filename} (${asset.mimeType}). Use ${rules.mediaTypes.join(', ')}.`,
          );
        } else if (asset.sizeBytes > rules.maxImageBytes) {
          problems.push(
            `${asset.filename} is ${megabytes(asset.sizeBytes)}; ${network} takes files up to ${megabytes(rules.maxImageBytes)}.`,
          );
        }
        if (asset.altText && asset.altText.length > rules.maxAltTextCharacters) {
          problems.push(
            `The alt text of ${asset.filename} is ${asset.altText.length} characters; ${network} takes up to ${rules.maxAltTextCharacters}.`,
          );
        }
      }
      return { characters, maxCharacters: rules.maxCharacters, mediaCount: ids.length };
    });
    return { parts: counts, problems };
  }

  /** Why a waiting target of this organisation is held by a pause in force (null: it is not). */
  private async holds(organisationId: string): Promise<(target: PostTarget) => string | null> {
    const pauses: Array<{ channel_id: string | null; reason: string }> = await this.dataSource.query(
      `SELECT channel_id, reason FROM publishing_pause WHERE organisation_id = $1 AND resumed_at IS NULL`,
      [organisationId],
    );
    return (target) => {
      const whole = pauses.find((p) => p.channel_id === null);
      if (whole) return `publishing is paused (${whole.reason})`;
      const channel = pauses.find((p) => p.channel_id === target.channelId);
      return channel ? `publishing on this channel is paused (${channel.reason})` : null;
    };
  }

  /** The quiet period in force at that instant on any of these targets' channels (guardrails, issue 7). */
  private async quietPeriodFor(
    organisationId: string,
    targets: PostTarget[],
    at: Date,
  ): Promise<QuietPeriodInZone | null> {
    for (const channelId of new Set(targets.map((t) => t.channelId))) {
      const period = await this.quietPeriods.quietPeriodAt(organisationId, at, channelId);
      if (period) return period;
    }
    return null;
  }

  private channelName(channel: Channel): string {
    return `${networkName(channel.network)} ${channel.handle}`;
  }

  private postName(post: Post): string {
    const text = post.title ?? post.sharedText;
    return text.length > 60 ? `${text.slice(0, 59)}…` : text || 'Untitled post';
  }

  private async channelsById(
    manager: EntityManager,
    ids: string[],
    organisationId?: string,
  ): Promise<Map<string, Channel>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await manager
      .getRepository(Channel)
      .findBy({ id: In(unique), ...(organisationId ? { organisationId } : {}) });
    return new Map(rows.map((c) => [c.id, c]));
  }

  private async mediaById(
    manager: EntityManager,
    organisationId: string,
    ids: string[],
  ): Promise<Map<string, MediaAsset>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await manager.getRepository(MediaAsset).findBy({ id: In(unique), organisationId });
    return new Map(rows.map((m) => [m.id, m]));
  }

  private async names(ids: Array<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (!unique.length) return new Map();
    const rows = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}

const ROLE_NAMES: Record<Role, string> = {
  owner: 'an owner',
  admin: 'an admin',
  approver: 'an approver',
  editor: 'an editor',
  responder: 'a responder',
  viewer: 'a viewer',
};

/** "an owner or an admin". */
function rolesText(roles: Role[]): string {
  const names = roles.map((role) => ROLE_NAMES[role]);
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
    : (names[0] ?? 'an owner');
}
