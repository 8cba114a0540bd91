import { APPLICATION_STATUSES } from '@grants/applications';
import { describe, expect, it } from 'vitest';
import { statusTag } from './application-status-tags';

describe('application status tags', () => {
  it('word every status for its applicant, with what happens next', () => {
    for (const status of APPLICATION_STATUSES) {
      const tag = statusTag(status);
      expect(tag.text).not.toBe(status);
      expect(tag.classes).toMatch(/^govuk-tag--/);
      expect(tag.next.length).toBeGreaterThan(0);
    }
  });

  it('show an unknown status as it is rather than failing the page', () => {
    expect(statusTag('archived')).toEqual({ text: 'archived', classes: 'govuk-tag--grey', next: '' });
  });
});
