import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('copper kettle morning tram')).toBeNull();
  });

  it('refuses short passwords, saying how long', () => {
    expect(passwordProblem('Tr0ub4dor&3')).toMatch(/at least 12 characters \(this one has 11\)/);
  });

  it('refuses common and patterned passwords of any length', () => {
    expect(passwordProblem('password1234')).toMatch(/too easy to guess/);
    expect(passwordProblem('qwertyuiop123')).toMatch(/too easy to guess/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/too easy to guess/);
  });

  it('refuses passwords built from the person or organisation', () => {
    expect(passwordProblem('Harrogate Council 2026', ['Harrogate Council'])).toMatch(
      /built from your name, email or organisation/,
    );
    expect(passwordProblem('sam.jones.harrogate!', ['Sam Jones', 'sam.jones', 'Harrogate'])).toMatch(
      /built from your name/,
    );
    expect(passwordProblem('Harrogate copper kettle tram', ['Harrogate Council'])).toBeNull();
  });
});
