import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboxWork1795781550105 implements MigrationInterface {
  name = 'InboxWork1795781550105';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "canned_reply" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "body" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41a5b791f1f2aceadc8a3bb0829" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_canned_reply_title" ON "canned_reply" ("organisation_id", "title") `);
    await queryRunner.query(`CREATE TABLE "inbox_note" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "mentioned_user_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eb5fa340b54ff28c7422e07414c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_inbox_note_conversation_time" ON "inbox_note" ("conversation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "inbox_policy" ("organisation_id" uuid NOT NULL, "reply_approval_roles" jsonb NOT NULL, "round_robin_user_ids" jsonb NOT NULL DEFAULT '[]', "round_robin_last_user_id" uuid, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d4728c838d3ab12c6a6526271a5" PRIMARY KEY ("organisation_id"))`);
    await queryRunner.query(`CREATE TABLE "message_moderation" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "message_id" uuid NOT NULL, "action" character varying(10) NOT NULL, "reason" text NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f747dc58f632cccfb23e7f1645b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_message_moderation_message" ON "message_moderation" ("message_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "outbound_reply" ("message_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "mode" character varying(10) NOT NULL, "in_reply_to_external_id" character varying(300), "recipient_external_id" character varying(300), "author_id" uuid, "approval_reason" text, "approver_roles" jsonb NOT NULL DEFAULT '[]', "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "claim_token" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE, "first_claimed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "outcome" character varying(10), "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef119f431ad7b8bd26ee2f38c16" PRIMARY KEY ("message_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbound_reply_conversation" ON "outbound_reply" ("conversation_id") `);
    await queryRunner.query(`ALTER TABLE "canned_reply" ADD CONSTRAINT "FK_3e93719570b6ac09fdec136ee4e" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "canned_reply" ADD CONSTRAINT "FK_fe0a324e8d3f88df7ea8935b1d6" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbox_note" ADD CONSTRAINT "FK_33f8377ed8a1ff9c9f45bb5631d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbox_note" ADD CONSTRAINT "FK_a5553630bfbf0da80bdf3f95a5a" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbox_note" ADD CONSTRAINT "FK_e10b7117ab74ff58519c91ab1c9" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbox_policy" ADD CONSTRAINT "FK_d4728c838d3ab12c6a6526271a5" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message_moderation" ADD CONSTRAINT "FK_33ebee51b42fb4a2812b7871fcd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message_moderation" ADD CONSTRAINT "FK_1f98daedfeefb3f14f2bd91025d" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message_moderation" ADD CONSTRAINT "FK_422b29241aa282023d22269afc4" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" ADD CONSTRAINT "FK_ef119f431ad7b8bd26ee2f38c16" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" ADD CONSTRAINT "FK_ccf0b817803e96d658e72718c03" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" ADD CONSTRAINT "FK_c8d08832ece37749ade9efa3586" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" ADD CONSTRAINT "FK_c28e80610d88c19b9d1537cc3da" FOREIGN KEY ("approved_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_reply" DROP CONSTRAINT "FK_c28e80610d88c19b9d1537cc3da"`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" DROP CONSTRAINT "FK_c8d08832ece37749ade9efa3586"`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" DROP CONSTRAINT "FK_ccf0b817803e96d658e72718c03"`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" DROP CONSTRAINT "FK_ef119f431ad7b8bd26ee2f38c16"`);
    await queryRunner.query(`ALTER TABLE "message_moderation" DROP CONSTRAINT "FK_422b29241aa282023d22269afc4"`);
    await queryRunner.query(`ALTER TABLE "message_moderation" DROP CONSTRAINT "FK_1f98daedfeefb3f14f2bd91025d"`);
    await queryRunner.query(`ALTER TABLE "message_moderation" DROP CONSTRAINT "FK_33ebee51b42fb4a2812b7871fcd"`);
    await queryRunner.query(`ALTER TABLE "inbox_policy" DROP CONSTRAINT "FK_d4728c838d3ab12c6a6526271a5"`);
    await queryRunner.query(`ALTER TABLE "inbox_note" DROP CONSTRAINT "FK_e10b7117ab74ff58519c91ab1c9"`);
    await queryRunner.query(`ALTER TABLE "inbox_note" DROP CONSTRAINT "FK_a5553630bfbf0da80bdf3f95a5a"`);
    await queryRunner.query(`ALTER TABLE "inbox_note" DROP CONSTRAINT "FK_33f8377ed8a1ff9c9f45bb5631d"`);
    await queryRunner.query(`ALTER TABLE "canned_reply" DROP CONSTRAINT "FK_fe0a324e8d3f88df7ea8935b1d6"`);
    await queryRunner.query(`ALTER TABLE "canned_reply" DROP CONSTRAINT "FK_3e93719570b6ac09fdec136ee4e"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_reply_conversation"`);
    await queryRunner.query(`DROP TABLE "outbound_reply"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_moderation_message"`);
    await queryRunner.query(`DROP TABLE "message_moderation"`);
    await queryRunner.query(`DROP TABLE "inbox_policy"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbox_note_conversation_time"`);
    await queryRunner.query(`DROP TABLE "inbox_note"`);
    await queryRunner.query(`DROP INDEX "public"."uq_canned_reply_title"`);
    await queryRunner.query(`DROP TABLE "canned_reply"`);
  }
}
