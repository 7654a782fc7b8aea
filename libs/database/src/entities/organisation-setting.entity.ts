import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/** The guardrail settings kept as one document per organisation and area (issue 7). */
export const SETTING_AREAS = ['office_hours', 'safeguarding', 'retention', 'coach', 'bilingual'] as const;
export type SettingArea = (typeof SETTING_AREAS)[number];

/**
 * One organisation's settings for one area, as a JSON document whose shape the API's DTOs validate. No row means
 * the shipped defaults: an organisation never has to save a form before its guardrails work.
 */
@Entity('organisation_setting')
@Check(
  'ck_organisation_setting_area',
  `area IN ('office_hours', 'safeguarding', 'retention', 'coach', 'bilingual')`,
)
export class OrganisationSetting {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  area: SettingArea;

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updatedBy?: User | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
