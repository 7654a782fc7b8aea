import { ConfigError, loadConfig, publicUrl } from './app-config';

describe('loadConfig', () => {
  it('gives defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/outside_in');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(publicUrl(config)).toBe('http://localhost:3000');
  });

  it('names every bad variable with an example', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', DEMO_SEED: 'perhaps' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(3);
    expect(error!.message).toContain('PORT="eighty" is not valid');
    expect(error!.message).toContain('Example: PORT=3000');
    expect(error!.message).toContain('Example: REDIS_URL=redis://127.0.0.1:6379');
    expect(error!.message).toContain('DEMO_SEED');
  });

  it('requires encryption keys in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS is required in production/);
  });

  it('rejects a malformed key list', () => {
    expect(() => loadConfig({ ENCRYPTION_KEYS: 'nokey' })).toThrow(/ENCRYPTION_KEYS="nokey" is not valid/);
  });
});
