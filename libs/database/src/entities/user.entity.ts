import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** argon2id, PHC string. */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  /** The organisation the user last worked in, where sign-in lands. */
  @Column({ name: 'last_organisation_id', type: 'uuid', nullable: true })
  lastOrganisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
