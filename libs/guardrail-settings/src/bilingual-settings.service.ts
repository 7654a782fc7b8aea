import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '@outside-in/database';
import { InvalidInputError } from '@outside-in/common';
import { isPairLanguage, languageName, PAIR_LANGUAGES } from '@outside-in/guardrails';
import { auditDiff } from './audit-diff';
import { SettingsStore, StoredSetting } from './settings-store';

/** How an organisation publishes bilingual posts (issue 7): which language goes first, and its usual pair. */
export interface BilingualSettings {
  /** The language whose half goes first whenever a pair includes it; null: the order the post gives. */
  firstLanguage: string | null;
  /** The pair the composer offers first. */
  defaultPair: [string, string];
}

export function defaultBilingual(): BilingualSettings {
  return { firstLanguage: null, defaultPair: ['cy', 'en'] };
}

/** A language code the pair can use, or a 400 that says which codes are known. */
export function assertPairLanguage(code: string, field: string): void {
  if (isPairLanguage(code)) return;
  const known = PAIR_LANGUAGES.slice(0, 6)
    .map((l) => `${l.code} (${l.name})`)
    .join(', ');
  throw new InvalidInputError(`“${code}” is not a language we can pair. Use a code such as ${known}.`, [
    { field, problem: 'is not a known language code' },
  ]);
}

/** The pair in publishing order: the organisation's first language first when the pair has it. */
export function orderPair<T extends { language: string }>(halves: [T, T], first: string | null): [T, T] {
  return first && halves[1].language === first ? [halves[1], halves[0]] : halves;
}

export function bilingualRuleText(settings: BilingualSettings): string {
  const first = settings.firstLanguage ? languageName(settings.firstLanguage) : null;
  return first
    ? `${first} goes first: whenever a bilingual post has ${/^[AEIOU]/.test(first) ? 'an' : 'a'} ${first} half, it is published first and the other half straight after it.`
    : 'The half written first in the composer is published first, and the other half straight after it.';
}

@Injectable()
export class BilingualSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SettingsStore,
    private readonly audit: AuditService,
  ) {}

  get(organisationId: string): Promise<StoredSetting<BilingualSettings>> {
    return this.store.read(organisationId, 'bilingual', defaultBilingual);
  }

  async update(
    organisationId: string,
    input: { firstLanguage: string | null; defaultPair: string[] },
    actor: AuditActor,
    ip: string | null,
  ): Promise<void> {
    if (input.firstLanguage) assertPairLanguage(input.firstLanguage, 'firstLanguage');
    if (input.defaultPair.length !== 2 || input.defaultPair[0] === input.defaultPair[1]) {
      throw new InvalidInputError('defaultPair must list two different languages, such as ["cy", "en"].', [
        { field: 'defaultPair', problem: 'must be two different language codes' },
      ]);
    }
    input.defaultPair.forEach((code, index) => assertPairLanguage(code, `defaultPair[${index}]`));
    const document: BilingualSettings = {
      firstLanguage: input.firstLanguage ?? null,
      defaultPair: [input.defaultPair[0], input.defaultPair[1]],
    };
    await this.dataSource.transaction(async (manager) => {
      await this.store.lockOrganisation(manager, organisationId);
      const before = await this.store.read(organisationId, 'bilingual', defaultBilingual, manager);
      await this.store.write(manager, organisationId, 'bilingual', document, actor.userId);
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'settings.bilingual_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: auditDiff({ ...before.document }, { ...document }),
        ip,
      });
    });
  }
}
