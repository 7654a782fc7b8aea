import { errorFromBody, queryString } from './client';

describe('errorFromBody', () => {
  it('keeps the API message and the problem with each field', () => {
    const error = errorFromBody(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Check the highlighted fields.',
      details: [{ field: 'email', problem: 'Enter an email address like name@council.gov.uk' }],
    });
    expect(error.message).toBe('Check the highlighted fields.');
    expect(error.statusCode).toBe(400);
    expect(error.problemWith('email')).toBe('Enter an email address like name@council.gov.uk');
    expect(error.problemWith('password')).toBeUndefined();
  });

  it('says something useful when the body is not ours', () => {
    expect(errorFromBody(502, '<html>Bad gateway</html>').message).toBe(
      'Something went wrong on our side. Try again in a minute.',
    );
    expect(errorFromBody(403, undefined).message).toMatch(/permission/);
  });

  it('ignores malformed details', () => {
    const error = errorFromBody(400, {
      statusCode: 400,
      error: 'x',
      message: 'Nope',
      details: [{ field: 1 }],
    });
    expect(error.fieldProblems).toEqual([]);
  });
});

describe('queryString', () => {
  it('leaves out empty values', () => {
    expect(queryString({ action: 'member.joined', from: '', to: undefined, limit: 50 })).toBe(
      '?action=member.joined&limit=50',
    );
    expect(queryString({ from: '' })).toBe('');
  });
});
