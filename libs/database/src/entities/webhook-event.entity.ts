import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A webhook delivery exactly as it came, kept before it is processed: the handler stores it and answers at once,
 * the worker maps it to inbound items later. An event not processed within a minute is queued again by the
 * inbox scheduler, so a lost job loses nothing. `source` is the sender (`meta`, `x`), not a channel network:
 * one Meta delivery may concern Facebook and Instagram.
 */
@Entity('webhook_event')
@Index('ix_webhook_event_unprocessed', ['receivedAt'], { where: 'processed_at IS NULL' })
// Retention (libs/inbox webhook-event-retention.ts) deletes the oldest events first.
@Index('ix_webhook_event_received', ['receivedAt'])
export class WebhookEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** The few headers worth keeping (content type, user agent, signature); never cookies or tokens. */
  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  /** The exact body, as signed. */
  @Column({ name: 'raw_body', type: 'text' })
  rawBody: string;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** Items the event carried and how many were new, once processed. */
  @Column({ type: 'jsonb', nullable: true })
  outcome: Record<string, number> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;
}
