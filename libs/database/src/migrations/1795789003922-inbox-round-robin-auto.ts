import { MigrationInterface, QueryRunner } from 'typeorm';

export class InboxRoundRobinAuto1795789003922 implements MigrationInterface {
  name = 'InboxRoundRobinAuto1795789003922';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbox_policy" ADD "round_robin_every_channel" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "inbox_policy" ADD "round_robin_channel_ids" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbox_policy" DROP COLUMN "round_robin_channel_ids"`);
    await queryRunner.query(`ALTER TABLE "inbox_policy" DROP COLUMN "round_robin_every_channel"`);
  }
}
