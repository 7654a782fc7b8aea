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

/**
 * One person's connect flow in progress: the OAuth `state` (stored as its hash), the PKCE verifier and the app
 * client (sealed), and, after the callback, the accounts the network offered (sealed) while the person chooses.
 * Single use: the callback claims it with one conditional UPDATE.
 */
@Entity('channel_connect_attempt')
export class ChannelConnectAttempt {
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

  @Column({ type: 'varchar', length: 16 })
  network: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl: string;

  @Column({ type: 'boolean', default: false })
  practice: boolean;

  /** The channel being reconnected, when this is a reconnection: the account must be the same one. */
  @Column({ name: 'reconnect_channel_id', type: 'uuid', nullable: true })
  reconnectChannelId: string | null;

  @Index('uq_channel_connect_attempt_state', { unique: true })
  @Column({ name: 'state_hash', type: 'char', length: 64 })
  stateHash: string;

  @Column({ name: 'secrets_key_id', type: 'varchar', length: 40 })
  secretsKeyId: string;

  /** Sealed JSON: PKCE verifier, redirect URI, app client; then the accounts offered. */
  @Column({ name: 'secrets_sealed', type: 'text' })
  secretsSealed: string;

  /** pending -> choosing (accounts offered) -> done | failed */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  stage: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
