import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An OAuth app registered by us on a server that registers apps on request (a Mastodon instance). One per
 * network, server and redirect URI, shared by every organisation; the secret is sealed.
 */
@Entity('oauth_client')
@Index('uq_oauth_client', ['network', 'baseUrl', 'redirectUri'], { unique: true })
export class OAuthClientRegistration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  network: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ name: 'secret_key_id', type: 'varchar', length: 40 })
  secretKeyId: string;

  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
