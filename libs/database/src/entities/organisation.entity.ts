import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** IANA zone used to turn wall-clock input into instants. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Europe/London' })
  timeZone: string;

  /** The last audit event's sequence number and hash: a deleted tail shows up against these. */
  @Column({ name: 'audit_head_seq', type: 'bigint', default: 0 })
  auditHeadSeq: string;

  @Column({ name: 'audit_head_hash', type: 'char', length: 64, default: () => "repeat('0', 64)" })
  auditHeadHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
