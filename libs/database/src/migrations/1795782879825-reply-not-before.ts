import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplyNotBefore1795782879825 implements MigrationInterface {
  name = 'ReplyNotBefore1795782879825';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_reply" ADD "not_before" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_reply" DROP COLUMN "not_before"`);
  }
}
