import { apiFilters, dateProblem, filtersFromParams, paramsFromFilters } from './audit-filters';

describe('audit filters', () => {
  it('reads only well-formed values from the address bar', () => {
    const form = filtersFromParams(new URLSearchParams('action=member.joined&from=2026-03-01&to=yesterday'));
    expect(form).toEqual({ action: 'member.joined', actorUserId: '', from: '2026-03-01', to: '' });
  });

  it('leaves empty filters out of the address bar', () => {
    expect(paramsFromFilters({ action: '', actorUserId: 'u1', from: '', to: '' })).toEqual({
      actorUserId: 'u1',
    });
  });

  it('covers the whole of the "to" day', () => {
    const filters = apiFilters({ action: '', actorUserId: '', from: '2026-03-01', to: '2026-03-03' });
    expect(new Date(filters.to as string).getTime() - new Date(filters.from as string).getTime()).toBe(
      3 * 24 * 3600 * 1000 - 1,
    );
    expect(filters.action).toBeUndefined();
  });

  it('says when the dates are the wrong way round', () => {
    expect(dateProblem({ action: '', actorUserId: '', from: '2026-03-04', to: '2026-03-03' })).toMatch(
      /after/,
    );
    expect(
      dateProblem({ action: '', actorUserId: '', from: '2026-03-03', to: '2026-03-03' }),
    ).toBeUndefined();
  });
});
