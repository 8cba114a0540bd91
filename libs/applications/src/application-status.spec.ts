import { DomainError, ErrorCode } from '@grants/common';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_MACHINE,
  APPLICATION_STATUSES,
  ApplicationStatus,
  assertApplicationTransition,
  informationReturnStatus,
} from './application-status';

const LEGAL: [ApplicationStatus, ApplicationStatus][] = [
  ['draft', 'submitted'],
  ['draft', 'withdrawn'],
  ['submitted', 'in_assessment'],
  ['submitted', 'ineligible'],
  ['submitted', 'information_requested'],
  ['submitted', 'withdrawn'],
  ['in_assessment', 'recommended'],
  ['in_assessment', 'information_requested'],
  ['in_assessment', 'withdrawn'],
  ['information_requested', 'submitted'],
  ['information_requested', 'in_assessment'],
  ['information_requested', 'withdrawn'],
  ['recommended', 'awarded'],
  ['recommended', 'refused'],
  ['recommended', 'withdrawn'],
];

const isLegal = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  LEGAL.some(([f, t]) => f === from && t === to);

function thrown(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('application status machine', () => {
  it('holds exactly the legal transitions', () => {
    const table: [ApplicationStatus, ApplicationStatus][] = [];
    for (const from of APPLICATION_STATUSES)
      for (const to of APPLICATION_MACHINE[from]) table.push([from, to]);
    expect(table.sort()).toEqual([...LEGAL].sort());
  });

  for (const from of APPLICATION_STATUSES) {
    for (const to of APPLICATION_STATUSES) {
      const returnTo = from === 'information_requested' && to !== 'withdrawn' ? (to as 'submitted') : null;
      if (isLegal(from, to)) {
        it(`allows ${from} → ${to}`, () => {
          expect(() => assertApplicationTransition(from, to, returnTo)).not.toThrow();
        });
      } else {
        it(`refuses ${from} → ${to} with a 409-class error naming the current and allowed statuses`, () => {
          const error = thrown(() => assertApplicationTransition(from, to, returnTo));
          expect(error).toBeInstanceOf(DomainError);
          expect(error.code).toBe(ErrorCode.InvalidTransition);
          expect(error.details).toMatchObject({
            currentStatus: from,
            requestedStatus: to,
            allowedStatuses: APPLICATION_MACHINE[from],
          });
          expect(error.message).toContain(from);
        });
      }
    }
  }

  it('returns from an information request only to the status it interrupted', () => {
    expect(() =>
      assertApplicationTransition('information_requested', 'submitted', 'submitted'),
    ).not.toThrow();
    expect(() =>
      assertApplicationTransition('information_requested', 'in_assessment', 'in_assessment'),
    ).not.toThrow();
    const wrong = thrown(() =>
      assertApplicationTransition('information_requested', 'in_assessment', 'submitted'),
    );
    expect(wrong.code).toBe(ErrorCode.InvalidTransition);
    expect(wrong.details).toMatchObject({ allowedStatuses: ['submitted', 'withdrawn'] });
    expect(() => assertApplicationTransition('information_requested', 'submitted', null)).toThrow(
      DomainError,
    );
    expect(() => assertApplicationTransition('information_requested', 'withdrawn', null)).not.toThrow();
  });

  it('knows where an information request returns to', () => {
    expect(informationReturnStatus('submitted')).toBe('submitted');
    expect(informationReturnStatus('in_assessment')).toBe('in_assessment');
    for (const s of APPLICATION_STATUSES.filter((x) => x !== 'submitted' && x !== 'in_assessment')) {
      expect(() => informationReturnStatus(s)).toThrow(DomainError);
    }
  });

  it('can be withdrawn from every status before a decision and from none after', () => {
    const beforeDecision: ApplicationStatus[] = [
      'draft',
      'submitted',
      'in_assessment',
      'information_requested',
      'recommended',
    ];
    for (const s of APPLICATION_STATUSES) {
      expect(APPLICATION_MACHINE[s].includes('withdrawn')).toBe(beforeDecision.includes(s));
    }
  });

  it('treats decisions, ineligibility and withdrawal as final', () => {
    const final = APPLICATION_STATUSES.filter((s) => APPLICATION_MACHINE[s].length === 0);
    expect(final).toEqual(['awarded', 'refused', 'ineligible', 'withdrawn']);
  });
});
