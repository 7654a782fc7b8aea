import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity';
import type { Role } from './role';

/**
 * The organisation's inbox policy. No row means the safe default: responders' replies need an approver. The
 * round-robin list names the people who opted in to be given new conversations in turn; an admin turns automatic
 * round-robin on for every channel or for chosen channels.
 */
@Entity('inbox_policy')
export class InboxPolicy {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** Roles whose replies need an approver before they go out. */
  @Column({ name: 'reply_approval_roles', type: 'jsonb' })
  replyApprovalRoles: Role[];

  /** People (members) who opted in to round-robin assignment, in order. */
  @Column({ name: 'round_robin_user_ids', type: 'jsonb', default: () => `'[]'` })
  roundRobinUserIds: string[];

  /** New conversations on every channel are given in turn to those who opted in. */
  @Column({ name: 'round_robin_every_channel', type: 'boolean', default: false })
  roundRobinEveryChannel: boolean;

  /** Channels whose new conversations are given in turn (when not every channel). */
  @Column({ name: 'round_robin_channel_ids', type: 'jsonb', default: () => `'[]'` })
  roundRobinChannelIds: string[];

  /** The last person round-robin gave a conversation to. */
  @Column({ name: 'round_robin_last_user_id', type: 'uuid', nullable: true })
  roundRobinLastUserId: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
