import { MigrationInterface, QueryRunner } from 'typeorm';

export class Publishing1795778148184 implements MigrationInterface {
  name = 'Publishing1795778148184';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "media_asset" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "uploaded_by" uuid, "filename" character varying(255) NOT NULL, "mime_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "data" bytea NOT NULL, "alt_text" text, "width" integer, "height" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_facd363e2bf84400ac44913a2f3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_media_asset_org_sha256" ON "media_asset" ("organisation_id", "sha256") `);
    await queryRunner.query(`CREATE INDEX "ix_media_asset_org_created" ON "media_asset" ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "post" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "author_id" uuid, "title" character varying(200), "internal_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_be5fda3aac270b134ff9c21cdee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_post_org_created" ON "post" ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "post_target" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "post_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "parts" jsonb NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE, "publish_now" boolean NOT NULL DEFAULT false, "state" character varying(20) NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "not_before" TIMESTAMP WITH TIME ZONE, "claim_token" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE, "attempt_count" integer NOT NULL DEFAULT '0', "external_id" text, "external_url" text, "published_parts" jsonb, "published_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_post_target_parts" CHECK (jsonb_typeof(parts) = 'array' AND jsonb_array_length(parts) >= 1), CONSTRAINT "ck_post_target_state" CHECK (state IN ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'missed', 'cancelled')), CONSTRAINT "PK_f4d2d44d2ad91bc656e82da7b04" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_post_target_channel_external" ON "post_target" ("channel_id", "external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_post_target_post" ON "post_target" ("post_id") `);
    await queryRunner.query(`CREATE INDEX "ix_post_target_calendar" ON "post_target" ("organisation_id", "scheduled_at") `);
    await queryRunner.query(`CREATE INDEX "ix_post_target_due" ON "post_target" ("state", "scheduled_at") `);
    await queryRunner.query(`CREATE TABLE "publish_attempt" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "target_id" uuid NOT NULL, "target_version" integer NOT NULL, "claim_token" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" character varying(24), "external_id" text, "error" text, "fingerprint" character(64) NOT NULL, CONSTRAINT "ck_publish_attempt_outcome" CHECK (outcome IS NULL OR outcome IN ('published', 'failed', 'unknown', 'rate_limited', 'retry', 'settled_by_read_back')), CONSTRAINT "PK_18618aa2afc819eb17e11bf8ed1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_publish_attempt_claim" ON "publish_attempt" ("claim_token") `);
    await queryRunner.query(`CREATE INDEX "ix_publish_attempt_target" ON "publish_attempt" ("target_id", "started_at") `);
    await queryRunner.query(`CREATE TABLE "review" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "post_id" uuid NOT NULL, "reviewer_id" uuid, "decision" character varying(20) NOT NULL, "comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_review_decision" CHECK (decision IN ('approve', 'request_changes', 'reject')), CONSTRAINT "PK_2e4299a343a81574217255c00ca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_review_post_created" ON "review" ("post_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "media_asset" ADD CONSTRAINT "FK_40f52e999d3b0f1798be16014c9" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "media_asset" ADD CONSTRAINT "FK_9a9a8060abbc9ba1450aa601902" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "post" ADD CONSTRAINT "FK_4cb647a4d413924e22493652cfa" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "post" ADD CONSTRAINT "FK_2f1a9ca8908fc8168bc18437f62" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "post_target" ADD CONSTRAINT "FK_fff3e33436e095bf4eafeb1ee9e" FOREIGN KEY ("post_id") REFERENCES "post"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "post_target" ADD CONSTRAINT "FK_401baf2889e65c6d12a599cb3ec" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "post_target" ADD CONSTRAINT "FK_61f95980731ddf002aa9f53a5e1" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "publish_attempt" ADD CONSTRAINT "FK_3efb73cbe8182bb32dc536fb66f" FOREIGN KEY ("target_id") REFERENCES "post_target"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review" ADD CONSTRAINT "FK_3df2f1f5f615305b9cea2cc36ca" FOREIGN KEY ("post_id") REFERENCES "post"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review" ADD CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_3df2f1f5f615305b9cea2cc36ca"`);
    await queryRunner.query(`ALTER TABLE "publish_attempt" DROP CONSTRAINT "FK_3efb73cbe8182bb32dc536fb66f"`);
    await queryRunner.query(`ALTER TABLE "post_target" DROP CONSTRAINT "FK_61f95980731ddf002aa9f53a5e1"`);
    await queryRunner.query(`ALTER TABLE "post_target" DROP CONSTRAINT "FK_401baf2889e65c6d12a599cb3ec"`);
    await queryRunner.query(`ALTER TABLE "post_target" DROP CONSTRAINT "FK_fff3e33436e095bf4eafeb1ee9e"`);
    await queryRunner.query(`ALTER TABLE "post" DROP CONSTRAINT "FK_2f1a9ca8908fc8168bc18437f62"`);
    await queryRunner.query(`ALTER TABLE "post" DROP CONSTRAINT "FK_4cb647a4d413924e22493652cfa"`);
    await queryRunner.query(`ALTER TABLE "media_asset" DROP CONSTRAINT "FK_9a9a8060abbc9ba1450aa601902"`);
    await queryRunner.query(`ALTER TABLE "media_asset" DROP CONSTRAINT "FK_40f52e999d3b0f1798be16014c9"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_post_created"`);
    await queryRunner.query(`DROP TABLE "review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_publish_attempt_target"`);
    await queryRunner.query(`DROP INDEX "public"."uq_publish_attempt_claim"`);
    await queryRunner.query(`DROP TABLE "publish_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_post_target_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_post_target_calendar"`);
    await queryRunner.query(`DROP INDEX "public"."ix_post_target_post"`);
    await queryRunner.query(`DROP INDEX "public"."ix_post_target_channel_external"`);
    await queryRunner.query(`DROP TABLE "post_target"`);
    await queryRunner.query(`DROP INDEX "public"."ix_post_org_created"`);
    await queryRunner.query(`DROP TABLE "post"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_asset_org_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_asset_org_sha256"`);
    await queryRunner.query(`DROP TABLE "media_asset"`);
  }
}
