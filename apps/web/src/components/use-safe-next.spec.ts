import { safeNextPath } from './use-safe-next';

describe('safeNextPath', () => {
  it('follows paths inside the app', () => {
    expect(safeNextPath('/invitations/abc')).toBe('/invitations/abc');
    expect(safeNextPath('/settings/audit-log?action=member.joined')).toBe(
      '/settings/audit-log?action=member.joined',
    );
  });

  it('refuses other sites and anything odd', () => {
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example/')).toBe('/');
    expect(safeNextPath('javascript:alert(1)')).toBe('/');
    expect(safeNextPath(null, '/calendar')).toBe('/calendar');
  });
});
