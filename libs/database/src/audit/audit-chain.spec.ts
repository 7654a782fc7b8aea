import { canonicalJson, eventHash, GENESIS_HASH, verifyChain } from './audit-chain';

function buildChain(count: number) {
  const events = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const fields = {
      organisationId: 'org-1',
      seq: String(seq),
      actorUserId: 'u1',
      actorLabel: 'Sam <sam@example.gov.uk>',
      action: 'member.role_changed',
      subjectType: 'member',
      subjectId: `m${seq}`,
      summary: { before: { role: 'viewer' }, after: { role: 'editor' } },
      ip: '127.0.0.1',
      createdAt: new Date(Date.UTC(2026, 10, 27, 10, 0, seq)),
      prevHash,
    };
    const hash = eventHash(fields);
    events.push({ ...fields, hash });
    prevHash = hash;
  }
  return { events, head: { seq: String(count), hash: prevHash } };
}

describe('audit chain', () => {
  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[1,{"e":2,"f":1}],"d":2},"b":1}',
    );
  });

  it('accepts an intact chain', () => {
    const { events, head } = buildChain(5);
    expect(verifyChain(events, head)).toEqual([]);
  });

  it('finds an edited event', () => {
    const { events, head } = buildChain(5);
    events[2] = { ...events[2], summary: { before: { role: 'viewer' }, after: { role: 'owner' } } };
    expect(verifyChain(events, head)).toEqual([
      { seq: '3', problem: 'event 3 was changed after it was written' },
    ]);
  });

  it('finds a deleted event in the middle', () => {
    const { events, head } = buildChain(5);
    events.splice(1, 1);
    const problems = verifyChain(events, head);
    expect(problems.map((p) => p.problem)).toContain('event 2 is missing (deleted)');
  });

  it('finds a deleted tail through the head', () => {
    const { events, head } = buildChain(5);
    events.pop();
    expect(verifyChain(events, head)).toEqual([
      { seq: '5', problem: 'the latest event(s) after 4 up to 5 are missing (deleted)' },
    ]);
  });

  it('finds a re-hashed forgery through the next link', () => {
    const { events, head } = buildChain(3);
    const forged = { ...events[0], action: 'nothing.happened' };
    events[0] = { ...forged, hash: eventHash(forged) };
    expect(verifyChain(events, head)).toEqual([
      { seq: '2', problem: 'event 2 does not link to the event before it' },
    ]);
  });
});
