import type { AuditService } from '@outside-in/database';
import type { DataSource } from 'typeorm';
import { defaultOfficeHours, defaultSafeguarding } from './defaults';
import { outOfHoursReplyFor } from './office-hours.service';
import { SafeguardingService } from './safeguarding.service';
import { settingFrom, SettingsStore } from './settings-store';

describe('settings read once per ingested batch', () => {
  // matchersFromSource does no I/O: the service's collaborators are never called.
  const service = () => new SafeguardingService({} as DataSource, {} as SettingsStore, {} as AuditService);

  it('lays a stored document over the defaults, and gives the defaults when nothing is stored', () => {
    expect(settingFrom(undefined, defaultOfficeHours)).toEqual(defaultOfficeHours());
    const stored = settingFrom(JSON.stringify({ closedDates: ['2026-12-24'] }), defaultOfficeHours);
    expect(stored.closedDates).toEqual(['2026-12-24']);
    expect(stored.weekly).toEqual(defaultOfficeHours().weekly);
  });

  it('compiles the matchers once per stored text, and again as soon as the text changes', () => {
    const safeguarding = service();
    const defaults = safeguarding.matchersFromSource(undefined);
    expect(safeguarding.matchersFromSource(undefined)).toBe(defaults);
    expect(defaults.safeguarding.match('I want to end it all').setIds).toEqual(['self-harm']);

    const document = defaultSafeguarding();
    document.phraseSets = document.phraseSets.map((set) => ({ ...set, enabled: set.id !== 'self-harm' }));
    const text = JSON.stringify(document);
    const changed = safeguarding.matchersFromSource(text);
    expect(changed).not.toBe(defaults);
    expect(safeguarding.matchersFromSource(text)).toBe(changed);
    expect(changed.safeguarding.match('I want to end it all').setIds).toEqual([]);

    document.phraseSets.push({ id: 'custom-1', name: 'Ours', enabled: true, phrases: ['end it all'] });
    expect(
      safeguarding.matchersFromSource(JSON.stringify(document)).safeguarding.match('end it all').setIds,
    ).toEqual(['custom-1']);
  });

  it('answers the out-of-hours reply from settings already read, only for its channels and when closed', () => {
    const settings = defaultOfficeHours();
    settings.autoReply = { ...settings.autoReply, enabled: true, allChannels: false, channelIds: ['ch-1'] };
    const saturday = new Date('2026-01-03T12:00:00Z');
    const monday = new Date('2026-01-05T10:00:00Z');
    expect(outOfHoursReplyFor(settings, 'Europe/London', 'ch-1', saturday)?.closedPeriodId).toBeTruthy();
    expect(outOfHoursReplyFor(settings, 'Europe/London', 'ch-2', saturday)).toBeNull();
    expect(outOfHoursReplyFor(settings, 'Europe/London', 'ch-1', monday)).toBeNull();
    expect(outOfHoursReplyFor(defaultOfficeHours(), 'Europe/London', 'ch-1', saturday)).toBeNull();
  });
});
