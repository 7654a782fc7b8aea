import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the audit log is append-only in the database itself, not just in our code.
 * Anyone able to bypass this (a superuser disabling the trigger) still cannot hide an edit,
 * because the hash chain and the organisation's recorded head no longer match.
 */
export class AuditAppendOnly1795767946428 implements MigrationInterface {
  name = 'AuditAppendOnly1795767946428';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Deleting an organisation removes its log with it; nothing else may change a row.
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM organisation WHERE id = OLD.organisation_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_refuse_change()`);
  }
}
