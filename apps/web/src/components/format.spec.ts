import { auditActionLabel, formatDate, formatDateTime, roleWithArticle } from './format';

describe('formatDateTime', () => {
  it('writes winter dates out in words with GMT', () => {
    expect(formatDateTime('2026-03-03T10:00:00Z')).toBe('Tuesday 3 March 2026, 10:00 GMT');
  });

  it('uses British Summer Time in the summer', () => {
    expect(formatDateTime('2026-07-14T08:05:00Z')).toBe('Tuesday 14 July 2026, 09:05 BST');
  });

  it('uses the organisation time zone when given', () => {
    expect(formatDate('2026-03-03T23:30:00Z', 'Asia/Tokyo')).toBe('Wednesday 4 March 2026');
  });

  it('says so when the date is missing or broken', () => {
    expect(formatDateTime(null)).toBe('Unknown time');
    expect(formatDate('not a date')).toBe('Unknown date');
  });
});

describe('words for roles and audit actions', () => {
  it('picks the right article', () => {
    expect(roleWithArticle('admin')).toBe('an admin');
    expect(roleWithArticle('editor')).toBe('an editor');
    expect(roleWithArticle('viewer')).toBe('a viewer');
  });

  it('names known actions and makes unknown ones readable', () => {
    expect(auditActionLabel('member.role_changed')).toBe('Role changed');
    expect(auditActionLabel('post.published')).toBe('Post published');
  });
});
