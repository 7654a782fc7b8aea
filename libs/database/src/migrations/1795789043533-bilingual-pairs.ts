import { MigrationInterface, QueryRunner } from 'typeorm';

export class BilingualPairs1795789043533 implements MigrationInterface {
  name = 'BilingualPairs1795789043533';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "post" ADD "pair" jsonb`);
    await queryRunner.query(`ALTER TABLE "post_target" ADD "language" character varying(12)`);
    await queryRunner.query(`ALTER TABLE "post_target" ADD "held_reason" text`);
    // TypeORM does not compare CHECK expressions: the new settings area is added by hand.
    await queryRunner.query(`ALTER TABLE "organisation_setting" DROP CONSTRAINT "ck_organisation_setting_area"`);
    await queryRunner.query(
      `ALTER TABLE "organisation_setting" ADD CONSTRAINT "ck_organisation_setting_area" CHECK (area IN ('office_hours', 'safeguarding', 'retention', 'coach', 'bilingual'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "organisation_setting" WHERE area = 'bilingual'`);
    await queryRunner.query(`ALTER TABLE "organisation_setting" DROP CONSTRAINT "ck_organisation_setting_area"`);
    await queryRunner.query(
      `ALTER TABLE "organisation_setting" ADD CONSTRAINT "ck_organisation_setting_area" CHECK (area IN ('office_hours', 'safeguarding', 'retention', 'coach'))`,
    );
    await queryRunner.query(`ALTER TABLE "post_target" DROP COLUMN "held_reason"`);
    await queryRunner.query(`ALTER TABLE "post_target" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "post" DROP COLUMN "pair"`);
  }
}
