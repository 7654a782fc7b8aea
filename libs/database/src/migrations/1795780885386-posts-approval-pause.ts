import { MigrationInterface, QueryRunner } from 'typeorm';

export class PostsApprovalPause1795780885386 implements MigrationInterface {
  name = 'PostsApprovalPause1795780885386';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "approval_policy" ("organisation_id" uuid NOT NULL, "roles_requiring_approval" jsonb NOT NULL, "approvals_required" integer NOT NULL DEFAULT '1', "approvers_may_edit" boolean NOT NULL DEFAULT false, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca1a8481d0dd4aeb997f1254402" PRIMARY KEY ("organisation_id"))`);
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "message" text NOT NULL, "post_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_user_created" ON "notification" ("organisation_id", "user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "publishing_pause" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "channel_id" uuid, "reason" text NOT NULL, "paused_by" uuid, "paused_by_label" character varying(400) NOT NULL, "paused_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resumed_at" TIMESTAMP WITH TIME ZONE, "resumed_by" uuid, "resumed_by_label" character varying(400), CONSTRAINT "PK_4e06e8af2446a639dc09e4f5215" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_publishing_pause_active_org" ON "publishing_pause" ("organisation_id") WHERE resumed_at IS NULL AND channel_id IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_publishing_pause_active" ON "publishing_pause" ("organisation_id", "channel_id") WHERE resumed_at IS NULL AND channel_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "post" ADD "shared_text" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "post" ADD "shared_media_ids" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE "post" ADD "shared_link" text`);
    await queryRunner.query(`ALTER TABLE "post" ADD "review_round" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "review" ADD "round" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "review" ADD "edit" jsonb`);
    await queryRunner.query(`ALTER TABLE "approval_policy" ADD CONSTRAINT "FK_ca1a8481d0dd4aeb997f1254402" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "approval_policy" ADD CONSTRAINT "FK_ba84577acb1e0464b7ad862364a" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_408236c69c4e1b5cf2248d4effd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" ADD CONSTRAINT "FK_cd07f318cbb249ad58f93c8a36a" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" ADD CONSTRAINT "FK_a5d14fcac1c9a790a4cfc8f3e09" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" ADD CONSTRAINT "FK_d76553b4d5a09a146486d854f69" FOREIGN KEY ("paused_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" ADD CONSTRAINT "FK_25269d67f63298cdc0c08b249c9" FOREIGN KEY ("resumed_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "publishing_pause" DROP CONSTRAINT "FK_25269d67f63298cdc0c08b249c9"`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" DROP CONSTRAINT "FK_d76553b4d5a09a146486d854f69"`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" DROP CONSTRAINT "FK_a5d14fcac1c9a790a4cfc8f3e09"`);
    await queryRunner.query(`ALTER TABLE "publishing_pause" DROP CONSTRAINT "FK_cd07f318cbb249ad58f93c8a36a"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_408236c69c4e1b5cf2248d4effd"`);
    await queryRunner.query(`ALTER TABLE "approval_policy" DROP CONSTRAINT "FK_ba84577acb1e0464b7ad862364a"`);
    await queryRunner.query(`ALTER TABLE "approval_policy" DROP CONSTRAINT "FK_ca1a8481d0dd4aeb997f1254402"`);
    await queryRunner.query(`ALTER TABLE "review" DROP COLUMN "edit"`);
    await queryRunner.query(`ALTER TABLE "review" DROP COLUMN "round"`);
    await queryRunner.query(`ALTER TABLE "post" DROP COLUMN "review_round"`);
    await queryRunner.query(`ALTER TABLE "post" DROP COLUMN "shared_link"`);
    await queryRunner.query(`ALTER TABLE "post" DROP COLUMN "shared_media_ids"`);
    await queryRunner.query(`ALTER TABLE "post" DROP COLUMN "shared_text"`);
    await queryRunner.query(`DROP INDEX "public"."uq_publishing_pause_active"`);
    await queryRunner.query(`DROP INDEX "public"."uq_publishing_pause_active_org"`);
    await queryRunner.query(`DROP TABLE "publishing_pause"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_created"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TABLE "approval_policy"`);
  }
}
