import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Message } from './message.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export const MODERATION_ACTIONS = ['hide', 'unhide', 'delete'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * A public comment hidden, shown again or deleted on the network, with the recorded reason. The message row is
 * never changed or removed: it stays stored as evidence.
 */
@Entity('message_moderation')
@Index('ix_message_moderation_message', ['messageId', 'createdAt'])
export class MessageModeration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;

  @Column({ type: 'varchar', length: 10 })
  action: ModerationAction;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
