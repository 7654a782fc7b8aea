import { MigrationInterface, QueryRunner } from 'typeorm';

export class Channels1795777766823 implements MigrationInterface {
  name = 'Channels1795777766823';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "channel" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "network" character varying(16) NOT NULL, "practice" boolean NOT NULL DEFAULT false, "external_account_id" character varying(200) NOT NULL, "handle" character varying(200) NOT NULL, "display_name" character varying(200) NOT NULL, "profile_url" text, "base_url" text NOT NULL, "credentials_key_id" character varying(40), "credentials_sealed" text, "credentials_expire_at" TIMESTAMP WITH TIME ZONE, "status" character varying(20) NOT NULL DEFAULT 'connected', "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "rate_limit" jsonb, "inbound_cursor" text, "last_activity_at" TIMESTAMP WITH TIME ZONE, "connected_by" uuid, "connected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "disconnected_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_channel_network" CHECK (network IN ('x', 'facebook', 'instagram', 'mastodon', 'bluesky')), CONSTRAINT "ck_channel_status" CHECK (status IN ('connected', 'needs_reconnect', 'disabled')), CONSTRAINT "PK_590f33ee6ee7d76437acf362e39" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_channel_credentials_expiry" ON "channel" ("credentials_expire_at") WHERE status = 'connected'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_channel_account" ON "channel" ("organisation_id", "network", "base_url", "external_account_id") `);
    await queryRunner.query(`CREATE TABLE "channel_connect_attempt" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "network" character varying(16) NOT NULL, "base_url" text NOT NULL, "practice" boolean NOT NULL DEFAULT false, "reconnect_channel_id" uuid, "state_hash" character(64) NOT NULL, "secrets_key_id" character varying(40) NOT NULL, "secrets_sealed" text NOT NULL, "stage" character varying(16) NOT NULL DEFAULT 'pending', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bdbeb07758a648a17839bf85680" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_channel_connect_attempt_state" ON "channel_connect_attempt" ("state_hash") `);
    await queryRunner.query(`CREATE TABLE "oauth_client" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "network" character varying(16) NOT NULL, "base_url" text NOT NULL, "redirect_uri" text NOT NULL, "client_id" text NOT NULL, "secret_key_id" character varying(40) NOT NULL, "secret_sealed" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d6e58a7e0ec3ac17a67ba7f97cd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_oauth_client" ON "oauth_client" ("network", "base_url", "redirect_uri") `);
    await queryRunner.query(`ALTER TABLE "channel" ADD CONSTRAINT "FK_fc9f04406f5ee8f9d2f76dfb483" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "channel" ADD CONSTRAINT "FK_469c3ca434547882b337dfce2da" FOREIGN KEY ("connected_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "channel_connect_attempt" ADD CONSTRAINT "FK_70ac122511b74cd3fbb803308ce" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "channel_connect_attempt" ADD CONSTRAINT "FK_0445ae0472051c42ab6a7a027a7" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel_connect_attempt" DROP CONSTRAINT "FK_0445ae0472051c42ab6a7a027a7"`);
    await queryRunner.query(`ALTER TABLE "channel_connect_attempt" DROP CONSTRAINT "FK_70ac122511b74cd3fbb803308ce"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP CONSTRAINT "FK_469c3ca434547882b337dfce2da"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP CONSTRAINT "FK_fc9f04406f5ee8f9d2f76dfb483"`);
    await queryRunner.query(`DROP INDEX "public"."uq_oauth_client"`);
    await queryRunner.query(`DROP TABLE "oauth_client"`);
    await queryRunner.query(`DROP INDEX "public"."uq_channel_connect_attempt_state"`);
    await queryRunner.query(`DROP TABLE "channel_connect_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."uq_channel_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_channel_credentials_expiry"`);
    await queryRunner.query(`DROP TABLE "channel"`);
  }
}
