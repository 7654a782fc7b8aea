import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@outside-in/common';
import { Organisation, OrganisationSetting, SettingArea } from '@outside-in/database';

/** A stored document as text (null: the organisation uses the defaults), with the organisation's time zone. */
export interface StoredSettingSources {
  timeZone: string;
  /** Area -> the stored JSON exactly as kept; an area with no row is absent. */
  sources: Map<SettingArea, string>;
}

export interface StoredSetting<T> {
  document: T;
  /** Null while the organisation uses the shipped defaults. */
  updatedAt: Date | null;
  updatedById: string | null;
}

/**
 * Reads and writes the per-organisation setting documents. A stored document is laid over the defaults, so a
 * field added later gets its default in organisations that saved before it existed.
 */
@Injectable()
export class SettingsStore {
  constructor(private readonly dataSource: DataSource) {}

  async read<T extends object>(
    organisationId: string,
    area: SettingArea,
    defaults: () => T,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredSetting<T>> {
    const row = await manager.getRepository(OrganisationSetting).findOneBy({ organisationId, area });
    if (!row) return { document: defaults(), updatedAt: null, updatedById: null };
    return {
      document: { ...defaults(), ...(row.document as Partial<T>) },
      updatedAt: row.updatedAt,
      updatedById: row.updatedById,
    };
  }

  /**
   * Several areas' stored documents, as text, and the organisation's time zone in one round trip (ingestion asks
   * for every batch). The text is a key for anything derived from a document (a compiled phrase matcher): two
   * equal texts are the same settings, whenever and however they were written. Lay one over its defaults with
   * `settingFrom`.
   */
  async readSources(
    manager: EntityManager,
    organisationId: string,
    areas: readonly SettingArea[],
  ): Promise<StoredSettingSources> {
    const rows = (await manager.query(
      `SELECT o.time_zone, s.area, s.document::text AS document
         FROM organisation o
         LEFT JOIN organisation_setting s ON s.organisation_id = o.id AND s.area = ANY($2::text[])
        WHERE o.id = $1`,
      [organisationId, areas],
    )) as Array<{ time_zone: string; area: SettingArea | null; document: string | null }>;
    if (!rows.length) throw new NotFoundError('We could not find that organisation.');
    const sources = new Map<SettingArea, string>();
    for (const row of rows) if (row.area && row.document !== null) sources.set(row.area, row.document);
    return { timeZone: rows[0].time_zone, sources };
  }

  async write<T extends object>(
    manager: EntityManager,
    organisationId: string,
    area: SettingArea,
    document: T,
    userId: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO organisation_setting (organisation_id, area, document, updated_by, updated_at)
       VALUES ($1, $2, $3::jsonb, $4, now())
       ON CONFLICT (organisation_id, area)
       DO UPDATE SET document = EXCLUDED.document, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organisationId, area, JSON.stringify(document), userId],
    );
  }

  /**
   * Locks the organisation's row as the audit log does (FOR NO KEY UPDATE), so concurrent changes to one
   * organisation's settings are serialised and each audit event's "before" is what the change replaced.
   */
  async lockOrganisation(manager: EntityManager, organisationId: string): Promise<Organisation> {
    const organisation = await manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .setLock('for_no_key_update')
      .where('o.id = :id', { id: organisationId })
      .getOne();
    if (!organisation) throw new NotFoundError('We could not find that organisation.');
    return organisation;
  }

  async timeZone(organisationId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const organisation = await manager.getRepository(Organisation).findOneBy({ id: organisationId });
    if (!organisation) throw new NotFoundError('We could not find that organisation.');
    return organisation.timeZone;
  }
}

/** A document read as text by readSources, laid over the defaults as `read` does. */
export function settingFrom<T extends object>(source: string | undefined, defaults: () => T): T {
  return source === undefined ? defaults() : { ...defaults(), ...(JSON.parse(source) as Partial<T>) };
}
