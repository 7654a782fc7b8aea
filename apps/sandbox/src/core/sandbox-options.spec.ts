import { sandboxDatabaseUrl } from './sandbox-options';

describe('sandboxDatabaseUrl', () => {
  it('appends _sandbox to the app database name by default', () => {
    expect(
      sandboxDatabaseUrl({
        DATABASE_URL: 'postgres://u:p@db.internal:5433/outside_in?sslmode=require',
        SANDBOX_DATABASE_URL: undefined,
      }),
    ).toBe('postgres://u:p@db.internal:5433/outside_in_sandbox?sslmode=require');
  });

  it('uses SANDBOX_DATABASE_URL when set', () => {
    expect(
      sandboxDatabaseUrl({
        DATABASE_URL: 'postgres://127.0.0.1/outside_in',
        SANDBOX_DATABASE_URL: 'postgres://127.0.0.1/elsewhere',
      }),
    ).toBe('postgres://127.0.0.1/elsewhere');
  });
});
