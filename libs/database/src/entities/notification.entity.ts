import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/** An in-app notification for one person in one organisation (a post to review, a decision on theirs). */
@Entity('notification')
@Index('ix_notification_user_created', ['organisationId', 'userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** What happened: `post.submitted`, `post.approved`, `post.changes_requested`, `post.rejected`. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  /** The sentence shown to the person. */
  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
