import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldProblem } from '@outside-in/common';
import { AuditActor, AuditService } from '@outside-in/database';
import { PhraseMatcher } from '@outside-in/guardrails';
import { auditDiff, safeguardingForAudit } from './audit-diff';
import { defaultSafeguarding, SafeguardingPhraseSet, SafeguardingSettings } from './defaults';
import { assertNoProblems, cleanList } from './field-problems';
import { nonMemberIds } from './organisation-refs';
import { settingFrom, SettingsStore, StoredSetting } from './settings-store';

/** How many distinct safeguarding documents keep their compiled matchers (organisations on the defaults share one). */
const COMPILED_KEPT = 500;

export const ABUSE_SET_ID = 'abuse';

export interface SafeguardingMatchers {
  /** The organisation's switched-on safeguarding sets. */
  safeguarding: PhraseMatcher;
  /** The abuse list, as one set with id 'abuse'. */
  abuse: PhraseMatcher;
  settings: SafeguardingSettings;
}

/**
 * Safeguarding triage settings: the risk phrase sets (the shipped ones to start, editable, switchable, and the
 * organisation's own), who to notify, the runbook responders read, and the abuse word list.
 */
@Injectable()
export class SafeguardingService {
  /** Stored document text ('' for the defaults) -> its matchers; the oldest is dropped beyond COMPILED_KEPT. */
  private readonly compiled = new Map<string, SafeguardingMatchers>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  /** The settings, naming only people who are still members (someone removed since is not told). */
  async get(organisationId: string): Promise<StoredSetting<SafeguardingSettings>> {
    const stored = await this.store.read(organisationId, 'safeguarding', defaultSafeguarding);
    const gone = new Set(
      await nonMemberIds(this.dataSource.manager, organisationId, stored.document.notifyUserIds),
    );
    if (gone.size === 0) return stored;
    const notifyUserIds = stored.document.notifyUserIds.filter((id) => !gone.has(id));
    return { ...stored, document: { ...stored.document, notifyUserIds } };
  }

  /** Ready-made matchers for the inbox: switched-off sets are left out. */
  async matchersFor(organisationId: string): Promise<SafeguardingMatchers> {
    const { document } = await this.get(organisationId);
    return {
      settings: document,
      safeguarding: new PhraseMatcher(document.phraseSets.filter((s) => s.enabled)),
      abuse: new PhraseMatcher([{ id: ABUSE_SET_ID, name: 'Abuse', phrases: document.abusePhrases }]),
    };
  }

  /**
   * Matchers for a document as readSources gives it (undefined: the defaults), compiled once per distinct text,
   * so ingestion does not rebuild every phrase pattern for every batch; a change to the settings is a new text
   * and compiles at once, in every process. The answer is shared: callers must not change it. Unlike
   * `matchersFor`, `settings.notifyUserIds` may still name people who have left: check membership when using it.
   */
  matchersFromSource(source: string | undefined): SafeguardingMatchers {
    const key = source ?? '';
    const known = this.compiled.get(key);
    if (known) return known;
    const document = settingFrom(source, defaultSafeguarding);
    const matchers: SafeguardingMatchers = {
      settings: document,
      safeguarding: new PhraseMatcher(document.phraseSets.filter((s) => s.enabled)),
      abuse: new PhraseMatcher([{ id: ABUSE_SET_ID, name: 'Abuse', phrases: document.abusePhrases }]),
    };
    if (this.compiled.size >= COMPILED_KEPT) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, matchers);
    return matchers;
  }

  async update(
    organisationId: string,
    input: SafeguardingSettings,
    actor: AuditActor,
    ip: string | null,
  ): Promise<void> {
    const document = normalise(input);
    await this.dataSource.transaction(async (manager) => {
      await this.store.lockOrganisation(manager, organisationId);
      const problems = setProblems(document.phraseSets);
      for (const id of await nonMemberIds(manager, organisationId, document.notifyUserIds))
        problems.push({
          field: `notifyUserIds.${document.notifyUserIds.indexOf(id)}`,
          problem: 'Only members of this organisation can be notified. Invite them first.',
        });
      assertNoProblems(problems, 'The safeguarding settings');
      const before = await this.store.read(organisationId, 'safeguarding', defaultSafeguarding, manager);
      await this.store.write(manager, organisationId, 'safeguarding', document, actor.userId);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'settings.safeguarding_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: auditDiff(safeguardingForAudit(before.document), safeguardingForAudit(document)),
        ip,
      });
    });
  }
}

function normalise(input: SafeguardingSettings): SafeguardingSettings {
  return {
    phraseSets: input.phraseSets.map((set) => ({
      id: set.id?.trim() || `custom-${randomBytes(6).toString('hex')}`,
      name: set.name.trim(),
      enabled: set.enabled,
      phrases: cleanList(set.phrases),
    })),
    notifyUserIds: cleanList(input.notifyUserIds ?? []),
    runbook: input.runbook.trim(),
    abusePhrases: cleanList(input.abusePhrases ?? []),
  };
}

function setProblems(sets: SafeguardingPhraseSet[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  sets.forEach((set, index) => {
    if (ids.has(set.id))
      problems.push({ field: `phraseSets.${index}.id`, problem: `Two sets have the id "${set.id}".` });
    ids.add(set.id);
    const name = set.name.toLowerCase();
    if (names.has(name))
      problems.push({
        field: `phraseSets.${index}.name`,
        problem: `Two sets are called "${set.name}". Give each its own name.`,
      });
    names.add(name);
    if (set.enabled && set.phrases.length === 0)
      problems.push({
        field: `phraseSets.${index}.phrases`,
        problem: `"${set.name}" is switched on but has no phrases. Add some, or switch it off.`,
      });
  });
  return problems;
}
