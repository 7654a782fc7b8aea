import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboxGuardrailsMeasures1795789113046 implements MigrationInterface {
  name = 'InboxGuardrailsMeasures1795789113046';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "conversation_measure" ("conversation_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "first_inbound_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_response_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "first_response_seconds" integer, "first_response_office_seconds" integer, "resolution_seconds" integer, "resolution_office_seconds" integer, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_78be776d1de95211b1a7bfbbb56" PRIMARY KEY ("conversation_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_conversation_measure_org_first_inbound" ON "conversation_measure" ("organisation_id", "first_inbound_at") `);
    await queryRunner.query(`CREATE TABLE "out_of_hours_reply" ("contact_id" uuid NOT NULL, "closed_period_id" character varying(60) NOT NULL, "organisation_id" uuid NOT NULL, "message_id" uuid NOT NULL, "answers_message_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1912d135bc4f87aa098b483f3ae" PRIMARY KEY ("contact_id", "closed_period_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_out_of_hours_reply_message" ON "out_of_hours_reply" ("message_id") `);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "safeguarding_set_ids" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "conversation" ADD "safeguarding_flagged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" ADD "automatic" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "conversation_measure" ADD CONSTRAINT "FK_78be776d1de95211b1a7bfbbb56" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversation_measure" ADD CONSTRAINT "FK_5198314cfc66344b29b9ef8b147" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "out_of_hours_reply" ADD CONSTRAINT "FK_c1e447bad678cebf19361ebed68" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "out_of_hours_reply" ADD CONSTRAINT "FK_22b8b79c8edea3f8a4897bbd086" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "out_of_hours_reply" ADD CONSTRAINT "FK_c2a395c3e60a154f26264c9b902" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "out_of_hours_reply" DROP CONSTRAINT "FK_c2a395c3e60a154f26264c9b902"`);
    await queryRunner.query(`ALTER TABLE "out_of_hours_reply" DROP CONSTRAINT "FK_22b8b79c8edea3f8a4897bbd086"`);
    await queryRunner.query(`ALTER TABLE "out_of_hours_reply" DROP CONSTRAINT "FK_c1e447bad678cebf19361ebed68"`);
    await queryRunner.query(`ALTER TABLE "conversation_measure" DROP CONSTRAINT "FK_5198314cfc66344b29b9ef8b147"`);
    await queryRunner.query(`ALTER TABLE "conversation_measure" DROP CONSTRAINT "FK_78be776d1de95211b1a7bfbbb56"`);
    await queryRunner.query(`ALTER TABLE "outbound_reply" DROP COLUMN "automatic"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "safeguarding_flagged_at"`);
    await queryRunner.query(`ALTER TABLE "conversation" DROP COLUMN "safeguarding_set_ids"`);
    await queryRunner.query(`DROP INDEX "public"."ix_out_of_hours_reply_message"`);
    await queryRunner.query(`DROP TABLE "out_of_hours_reply"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_measure_org_first_inbound"`);
    await queryRunner.query(`DROP TABLE "conversation_measure"`);
  }
}
