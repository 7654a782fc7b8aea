import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/**
 * A bilingual post's two languages (ISO 639 codes), in the order they are published: the first language's
 * half goes out first and the second only after it (libs/publishing/README.md, "Bilingual pairs"). `texts`
 * holds the text each half starts from, in the same order.
 */
export interface PostLanguagePair {
  languages: [string, string];
  texts: [string, string];
}

/**
 * One piece of content planned for one or more channels. What goes out, when and where lives on its targets
 * (one per channel); the post holds what they share.
 */
@Entity('post')
@Index('ix_post_org_created', ['organisationId', 'createdAt'])
export class Post {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** Who wrote it; authors never approve their own work. Null once the person's account is deleted. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: User | null;

  /** A name for the team's calendar; never published. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  /** The text every channel's variant starts from (a variant may be adapted). */
  @Column({ name: 'shared_text', type: 'text', default: '' })
  sharedText: string;

  /** media_asset ids the variants start from, in order. */
  @Column({ name: 'shared_media_ids', type: 'jsonb', default: () => "'[]'" })
  sharedMediaIds: string[];

  @Column({ name: 'shared_link', type: 'text', nullable: true })
  sharedLink: string | null;

  /**
   * Bumped each time the post is submitted for review (and when an edit sends it back): only approvals of the
   * current round count, so an approved post that is edited needs approving again.
   */
  @Column({ name: 'review_round', type: 'int', default: 0 })
  reviewRound: number;

  /**
   * Set for a bilingual post (Welsh and English, Gaelic and English...): its targets each carry one of the two
   * languages, are approved as one post and published together, first language first. Null: one language.
   */
  @Column({ type: 'jsonb', nullable: true })
  pair: PostLanguagePair | null;

  /** A note for colleagues; never published. */
  @Column({ name: 'internal_note', type: 'text', nullable: true })
  internalNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
