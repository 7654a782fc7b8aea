import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PostTarget } from './post-target.entity';

export const PUBLISH_ATTEMPT_OUTCOMES = [
  'published',
  'failed',
  'unknown',
  'rate_limited',
  'retry',
  'settled_by_read_back',
] as const;
export type PublishAttemptOutcome = (typeof PUBLISH_ATTEMPT_OUTCOMES)[number];

/**
 * One claim of a target and what came of it. Written when the claim commits (outcome null: in flight) and
 * finished when the call returns, so a crash in between leaves a row that says an attempt may have happened.
 */
@Entity('publish_attempt')
@Index('ix_publish_attempt_target', ['targetId', 'startedAt'])
@Index('uq_publish_attempt_claim', ['claimToken'], { unique: true })
@Check(
  'ck_publish_attempt_outcome',
  `outcome IS NULL OR outcome IN ('published', 'failed', 'unknown', 'rate_limited', 'retry', 'settled_by_read_back')`,
)
export class PublishAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @ManyToOne(() => PostTarget, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: PostTarget;

  /** The target's version this attempt published. */
  @Column({ name: 'target_version', type: 'int' })
  targetVersion: number;

  @Column({ name: 'claim_token', type: 'uuid' })
  claimToken: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome: PublishAttemptOutcome | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  /** What went wrong, in plain words, with the network's own code where there is one. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The content fingerprint read-back matches on (see libs/publishing/src/content-fingerprint.ts). */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;
}
