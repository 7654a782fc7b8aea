import { citizenFor, CITIZEN_POOL_SIZE } from './citizens';
import { CROWD_CATEGORIES, MESSAGE_TEMPLATES, SLOT_VALUES } from './crowd-messages';
import { planCrowdItem } from './crowd-generator';

describe('crowd generator', () => {
  it('plans the same item for the same seed and sequence number, whatever was planned before', () => {
    const direct = planCrowdItem('seed', 57, 3);
    for (let seq = 0; seq < 57; seq++) planCrowdItem('seed', seq, 3);
    expect(planCrowdItem('seed', 57, 3)).toEqual(direct);
    expect(planCrowdItem('other', 57, 3)).not.toEqual(direct);
  });

  it('writes in the citizen’s language, with every slot filled and within a post’s length', () => {
    const welsh = new Set(Object.values(MESSAGE_TEMPLATES).flatMap((t) => t.cy.map((s) => s.slice(0, 12))));
    for (let seq = 0; seq < 2000; seq++) {
      const item = planCrowdItem('mix', seq, 4);
      expect(item.text).not.toMatch(/[{}]/);
      expect(item.text.length).toBeLessThanOrEqual(200);
      expect(item.targetIndex).toBeGreaterThanOrEqual(0);
      expect(item.targetIndex).toBeLessThan(4);
      expect(welsh.has(item.text.slice(0, 12))).toBe(item.citizen.language === 'cy');
    }
  });

  it('has English and Welsh templates for every category, and slot values for both', () => {
    for (const category of CROWD_CATEGORIES) {
      expect(MESSAGE_TEMPLATES[category].en.length).toBeGreaterThan(1);
      expect(MESSAGE_TEMPLATES[category].cy.length).toBeGreaterThan(1);
    }
    for (const language of ['en', 'cy'] as const) {
      const used = Object.values(MESSAGE_TEMPLATES)
        .flatMap((t) => t[language])
        .flatMap((template) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      for (const slot of used) expect(SLOT_VALUES[language][slot]?.length).toBeGreaterThan(0);
    }
  });

  it('makes citizens with handles every network accepts, a quarter of them Welsh speakers', () => {
    const citizens = Array.from({ length: CITIZEN_POOL_SIZE }, (_, i) => citizenFor('people', i));
    for (const citizen of citizens) {
      expect(citizen.handle).toMatch(/^[a-z0-9_]{1,15}$/);
      expect(citizen.key).toBe(citizen.handle);
    }
    expect(new Set(citizens.map((c) => c.handle)).size).toBeGreaterThan(CITIZEN_POOL_SIZE * 0.98);
    const welsh = citizens.filter((c) => c.language === 'cy').length / citizens.length;
    expect(welsh).toBeGreaterThan(0.18);
    expect(welsh).toBeLessThan(0.32);
    expect(citizenFor('people', 7)).toEqual(citizens[7]);
  });
});
