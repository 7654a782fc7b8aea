import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboxWebhooksEdits1795789167013 implements MigrationInterface {
  name = 'InboxWebhooksEdits1795789167013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel" ADD "webhook_state" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "channel" ADD "webhook_problem" text`);
    await queryRunner.query(`ALTER TABLE "channel" ADD "webhook_checked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "message" ADD "edited_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "message" ADD "previous_versions" jsonb`);
    await queryRunner.query(`ALTER TABLE "message" ADD "author_deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_event_received" ON "webhook_event" ("received_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_event_received"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "author_deleted_at"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "previous_versions"`);
    await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "edited_at"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "webhook_checked_at"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "webhook_problem"`);
    await queryRunner.query(`ALTER TABLE "channel" DROP COLUMN "webhook_state"`);
  }
}
