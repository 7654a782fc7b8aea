import { MigrationInterface, QueryRunner } from 'typeorm';

export class GuardrailSettings1795779236413 implements MigrationInterface {
  name = 'GuardrailSettings1795779236413';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organisation_setting" ("organisation_id" uuid NOT NULL, "area" character varying(32) NOT NULL, "document" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_organisation_setting_area" CHECK (area IN ('office_hours', 'safeguarding', 'retention', 'coach')), CONSTRAINT "PK_80a37f471f1e2c2218ee6ab46dd" PRIMARY KEY ("organisation_id", "area"))`);
    await queryRunner.query(`CREATE TABLE "quiet_period" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "organisation_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "channel_ids" uuid array NOT NULL DEFAULT '{}', "approver_roles" character varying(16) array NOT NULL, "candidate_names" text array NOT NULL DEFAULT '{}', "explainer_template" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_quiet_period_dates" CHECK (ends_on >= starts_on), CONSTRAINT "PK_9c3c7efef2deb1ed9d1abe4a8ab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_quiet_period_org_dates" ON "quiet_period" ("organisation_id", "starts_on", "ends_on") `);
    await queryRunner.query(`ALTER TABLE "organisation_setting" ADD CONSTRAINT "FK_180da78e539fe0ee2eb8c0d815b" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organisation_setting" ADD CONSTRAINT "FK_57c9624d7dadbea66fc980048dd" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quiet_period" ADD CONSTRAINT "FK_7bb4c673fb1edf980e5618c2b39" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quiet_period" ADD CONSTRAINT "FK_9e9abbf5cb44245dd4f075672bd" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quiet_period" DROP CONSTRAINT "FK_9e9abbf5cb44245dd4f075672bd"`);
    await queryRunner.query(`ALTER TABLE "quiet_period" DROP CONSTRAINT "FK_7bb4c673fb1edf980e5618c2b39"`);
    await queryRunner.query(`ALTER TABLE "organisation_setting" DROP CONSTRAINT "FK_57c9624d7dadbea66fc980048dd"`);
    await queryRunner.query(`ALTER TABLE "organisation_setting" DROP CONSTRAINT "FK_180da78e539fe0ee2eb8c0d815b"`);
    await queryRunner.query(`DROP INDEX "public"."ix_quiet_period_org_dates"`);
    await queryRunner.query(`DROP TABLE "quiet_period"`);
    await queryRunner.query(`DROP TABLE "organisation_setting"`);
  }
}
