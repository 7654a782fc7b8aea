import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Channel } from './channel.entity';

/**
 * When each channel's inbox is polled next, and how the last poll went. The interval adapts: shorter while
 * items keep arriving, longer when the channel is quiet, never sooner than the channel's rate limit allows.
 * The scheduler claims due rows (moving next_poll_at ahead as a lease) and queues one poll job per channel.
 */
@Entity('inbound_poll')
@Index('ix_inbound_poll_due', ['nextPollAt'])
export class InboundPoll {
  @PrimaryColumn({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @OneToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: Channel;

  @Column({ name: 'next_poll_at', type: 'timestamptz' })
  nextPollAt: Date;

  @Column({ name: 'interval_ms', type: 'integer' })
  intervalMs: number;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  /** Items the last poll received (new or not). */
  @Column({ name: 'last_received', type: 'integer', default: 0 })
  lastReceived: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
