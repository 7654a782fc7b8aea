import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Post } from './post.entity';
import { User } from './user.entity';

export const REVIEW_DECISIONS = ['approve', 'request_changes', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** One reviewer's decision on a post, kept as its history. */
@Entity('review')
@Index('ix_review_post_created', ['postId', 'createdAt'])
@Check('ck_review_decision', `decision IN ('approve', 'request_changes', 'reject')`)
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: Post;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: User | null;

  @Column({ type: 'varchar', length: 20 })
  decision: ReviewDecision;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** The post's review round this decision belongs to (post.review_round when it was made). */
  @Column({ type: 'int', default: 0 })
  round: number;

  /** What an approver changed while approving (policy permitting): each channel's text before and after. */
  @Column({ type: 'jsonb', nullable: true })
  edit: Array<{ channelId: string | null; before: string; after: string }> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
