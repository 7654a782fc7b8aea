import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Channel } from './channel.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/**
 * A pause of publishing (a crisis, a period of national mourning): organisation-wide when `channelId` is null,
 * otherwise for one channel. In force until `resumedAt` is set; kept afterwards as its history. While in force,
 * due posts are held (libs/publishing: PostTargetRepository.gate) and go out once it is lifted.
 */
@Entity('publishing_pause')
@Index('uq_publishing_pause_active', ['organisationId', 'channelId'], {
  unique: true,
  where: 'resumed_at IS NULL AND channel_id IS NOT NULL',
})
@Index('uq_publishing_pause_active_org', ['organisationId'], {
  unique: true,
  where: 'resumed_at IS NULL AND channel_id IS NULL',
})
export class PublishingPause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'channel_id', type: 'uuid', nullable: true })
  channelId: string | null;

  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: Channel | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'paused_by', type: 'uuid', nullable: true })
  pausedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'paused_by' })
  pausedBy?: User | null;

  /** The person as named when they paused ("Sam Jones <sam@council.gov.uk>"). */
  @Column({ name: 'paused_by_label', type: 'varchar', length: 400 })
  pausedByLabel: string;

  @CreateDateColumn({ name: 'paused_at', type: 'timestamptz' })
  pausedAt: Date;

  @Column({ name: 'resumed_at', type: 'timestamptz', nullable: true })
  resumedAt: Date | null;

  @Column({ name: 'resumed_by', type: 'uuid', nullable: true })
  resumedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'resumed_by' })
  resumedBy?: User | null;

  @Column({ name: 'resumed_by_label', type: 'varchar', length: 400, nullable: true })
  resumedByLabel: string | null;
}
