import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordsHoldsFoi1795781642987 implements MigrationInterface {
  name = 'RecordsHoldsFoi1795781642987';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "foi_request" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "message_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "received_on" date NOT NULL, "due_on" date NOT NULL, "bank_holiday_region" character varying(30) NOT NULL, "marked_by" uuid, "marked_by_label" character varying(400) NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" uuid, "closed_by_label" character varying(400), "outcome" character varying(20), "close_note" text, CONSTRAINT "ck_foi_request_outcome" CHECK (outcome IS NULL OR outcome IN ('completed', 'unmarked')), CONSTRAINT "PK_bbbcc7c64fc6fc0987d555fc985" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_foi_request_org_due" ON "foi_request" ("organisation_id", "due_on") WHERE closed_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_foi_request_open_message" ON "foi_request" ("message_id") WHERE closed_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "legal_hold" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "conversation_id" uuid, "contact_id" uuid, "reason" text NOT NULL, "placed_by" uuid, "placed_by_label" character varying(400) NOT NULL, "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE, "released_by" uuid, "released_by_label" character varying(400), "release_reason" text, CONSTRAINT "ck_legal_hold_one_subject" CHECK ((conversation_id IS NULL) <> (contact_id IS NULL)), CONSTRAINT "PK_edcd499db1f1c67a56c565c5e64" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_legal_hold_org_placed" ON "legal_hold" ("organisation_id", "placed_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_legal_hold_active_contact" ON "legal_hold" ("contact_id") WHERE released_at IS NULL AND contact_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_legal_hold_active_conversation" ON "legal_hold" ("conversation_id") WHERE released_at IS NULL AND conversation_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_message_org_received" ON "message" ("organisation_id", "received_at") `);
    await queryRunner.query(`ALTER TABLE "foi_request" ADD CONSTRAINT "FK_b53ba1221d14dcda6c6baee7c21" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "foi_request" ADD CONSTRAINT "FK_fc6824f4c10679fac40c421ca21" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "foi_request" ADD CONSTRAINT "FK_2ece739be8f854ac795b7ab0232" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "foi_request" ADD CONSTRAINT "FK_a2dba461794d12c407461a7cf27" FOREIGN KEY ("marked_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "foi_request" ADD CONSTRAINT "FK_f888df89c860c02eaeb8c7a1e44" FOREIGN KEY ("closed_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "FK_fe59d9e7bc607b91dd1210278d8" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "FK_357e20023741be09a334fa29e47" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "FK_bf41853b29c5df4543d5cc93b7d" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "FK_a17e4b15c83324f2d9afe44959d" FOREIGN KEY ("placed_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "FK_30dc4266c828bfebb6ab3bc3728" FOREIGN KEY ("released_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "legal_hold" DROP CONSTRAINT "FK_30dc4266c828bfebb6ab3bc3728"`);
    await queryRunner.query(`ALTER TABLE "legal_hold" DROP CONSTRAINT "FK_a17e4b15c83324f2d9afe44959d"`);
    await queryRunner.query(`ALTER TABLE "legal_hold" DROP CONSTRAINT "FK_bf41853b29c5df4543d5cc93b7d"`);
    await queryRunner.query(`ALTER TABLE "legal_hold" DROP CONSTRAINT "FK_357e20023741be09a334fa29e47"`);
    await queryRunner.query(`ALTER TABLE "legal_hold" DROP CONSTRAINT "FK_fe59d9e7bc607b91dd1210278d8"`);
    await queryRunner.query(`ALTER TABLE "foi_request" DROP CONSTRAINT "FK_f888df89c860c02eaeb8c7a1e44"`);
    await queryRunner.query(`ALTER TABLE "foi_request" DROP CONSTRAINT "FK_a2dba461794d12c407461a7cf27"`);
    await queryRunner.query(`ALTER TABLE "foi_request" DROP CONSTRAINT "FK_2ece739be8f854ac795b7ab0232"`);
    await queryRunner.query(`ALTER TABLE "foi_request" DROP CONSTRAINT "FK_fc6824f4c10679fac40c421ca21"`);
    await queryRunner.query(`ALTER TABLE "foi_request" DROP CONSTRAINT "FK_b53ba1221d14dcda6c6baee7c21"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_org_received"`);
    await queryRunner.query(`DROP INDEX "public"."uq_legal_hold_active_conversation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_legal_hold_active_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_legal_hold_org_placed"`);
    await queryRunner.query(`DROP TABLE "legal_hold"`);
    await queryRunner.query(`DROP INDEX "public"."uq_foi_request_open_message"`);
    await queryRunner.query(`DROP INDEX "public"."ix_foi_request_org_due"`);
    await queryRunner.query(`DROP TABLE "foi_request"`);
  }
}
