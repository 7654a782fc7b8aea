import { MigrationInterface, QueryRunner } from 'typeorm';

export class Inbox1795778202967 implements MigrationInterface {
  name = 'Inbox1795778202967';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "network" character varying(16) NOT NULL, "external_id" character varying(200) NOT NULL, "handle" character varying(200) NOT NULL, "display_name" character varying(200) NOT NULL, "profile_url" text, "avatar_url" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2cbbe00f59ab6b3bb5b8d19f989" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contact_network_id" ON "contact" ("organisation_id", "network", "external_id") `);
    await queryRunner.query(`CREATE TABLE "conversation" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "contact_id" uuid, "kind" character varying(20) NOT NULL, "thread_key" character varying(300) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "assignee_id" uuid, "priority" character varying(10) NOT NULL DEFAULT 'normal', "tags" text array NOT NULL DEFAULT '{}', "snoozed_until" TIMESTAMP WITH TIME ZONE, "first_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_response_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "language" character varying(20), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_conversation_priority" CHECK (priority IN ('low', 'normal', 'high', 'urgent')), CONSTRAINT "ck_conversation_status" CHECK (status IN ('open', 'pending', 'snoozed', 'closed')), CONSTRAINT "ck_conversation_kind" CHECK (kind IN ('comment_thread', 'mention_thread', 'direct')), CONSTRAINT "PK_864528ec4274360a40f66c29845" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_conversation_snoozed_until" ON "conversation" ("snoozed_until") WHERE status = 'snoozed'`);
    await queryRunner.query(`CREATE INDEX "ix_conversation_contact_recent" ON "conversation" ("contact_id", "last_message_at") `);
    await queryRunner.query(`CREATE INDEX "ix_conversation_channel_status_recent" ON "conversation" ("channel_id", "status", "last_message_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_conversation_org_assignee_recent" ON "conversation" ("organisation_id", "assignee_id", "status", "last_message_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_conversation_org_status_recent" ON "conversation" ("organisation_id", "status", "last_message_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_conversation_thread" ON "conversation" ("channel_id", "kind", "thread_key") `);
    await queryRunner.query(`CREATE TABLE "inbound_poll" ("channel_id" uuid NOT NULL, "next_poll_at" TIMESTAMP WITH TIME ZONE NOT NULL, "interval_ms" integer NOT NULL, "last_polled_at" TIMESTAMP WITH TIME ZONE, "last_received" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_34b3d1d54bb98e6651af3356155" PRIMARY KEY ("channel_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_inbound_poll_due" ON "inbound_poll" ("next_poll_at") `);
    // TypeORM reads a generated column's expression back from its own metadata table (the schema check compares
    // it), keyed by the database's name: hand-written because the generator drops the statement's parameters.
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`);
    await queryRunner.query(`INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'message', 'GENERATED_COLUMN', 'search', 'to_tsvector(''simple'', body)')`);
    await queryRunner.query(`CREATE TABLE "message" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "direction" character varying(3) NOT NULL, "external_id" character varying(300), "author_contact_id" uuid, "body" text NOT NULL, "in_reply_to_external_id" character varying(300), "url" text, "language" character varying(20), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "raw" jsonb, "outbound_state" character varying(20), "search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED, CONSTRAINT "ck_message_outbound_state" CHECK (outbound_state IS NULL OR outbound_state IN ('draft', 'pending_approval', 'approved', 'sending', 'sent', 'failed')), CONSTRAINT "ck_message_direction" CHECK (direction IN ('in', 'out')), CONSTRAINT "PK_ba01f0a3e0123651915008bc578" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_message_author_time" ON "message" ("author_contact_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_message_conversation_time" ON "message" ("conversation_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_message_channel_external" ON "message" ("channel_id", "external_id") `);
    // Full-text search over messages; declared with synchronize: false on the entity (TypeORM cannot say GIN).
    await queryRunner.query(`CREATE INDEX "ix_message_search" ON "message" USING gin ("search")`);
    await queryRunner.query(`CREATE TABLE "webhook_event" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "source" character varying(16) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "headers" jsonb NOT NULL, "raw_body" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE, "outcome" jsonb, "error" text, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_0f56d2f40f5ec823acf8e8edad1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_event_unprocessed" ON "webhook_event" ("received_at") WHERE processed_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "FK_a7416b5eea3776d4b6034eddf74" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "FK_7f54e55f95f6dd9717beb4ab2c5" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "FK_91fdb6236859404ddf7c5f64377" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "FK_497e6b0cfc02cd94483f194b8bc" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD CONSTRAINT "FK_7cd8691196444b4660679c494a4" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbound_poll" ADD CONSTRAINT "FK_34b3d1d54bb98e6651af3356155" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message" ADD CONSTRAINT "FK_970e800278a6b669aaf11f00326" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message" ADD CONSTRAINT "FK_7fe3e887d78498d9c9813375ce2" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message" ADD CONSTRAINT "FK_f6d0a3bccef803efd6d5102655c" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message" ADD CONSTRAINT "FK_813ac6e92bf69505bdc1a3691db" FOREIGN KEY ("author_contact_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_813ac6e92bf69505bdc1a3691db"`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_f6d0a3bccef803efd6d5102655c"`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_7fe3e887d78498d9c9813375ce2"`);
    await queryRunner.query(`ALTER TABLE "message" DROP CONSTRAINT "FK_970e800278a6b669aaf11f00326"`);
    await queryRunner.query(`ALTER TABLE "inbound_poll" DROP CONSTRAINT "FK_34b3d1d54bb98e6651af3356155"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_7cd8691196444b4660679c494a4"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_497e6b0cfc02cd94483f194b8bc"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_91fdb6236859404ddf7c5f64377"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP CONSTRAINT "FK_7f54e55f95f6dd9717beb4ab2c5"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "FK_a7416b5eea3776d4b6034eddf74"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_event_unprocessed"`);
    await queryRunner.query(`DROP TABLE "webhook_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_search"`);
    await queryRunner.query(`DROP INDEX "public"."uq_message_channel_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_conversation_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_author_time"`);
    await queryRunner.query(`DROP TABLE "message"`);
    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'message' AND "name" = 'search'`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_poll_due"`);
    await queryRunner.query(`DROP TABLE "inbound_poll"`);
    await queryRunner.query(`DROP INDEX "public"."uq_conversation_thread"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_org_status_recent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_org_assignee_recent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_channel_status_recent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_contact_recent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_snoozed_until"`);
    await queryRunner.query(`DROP TABLE "conversation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contact_network_id"`);
    await queryRunner.query(`DROP TABLE "contact"`);
  }
}
