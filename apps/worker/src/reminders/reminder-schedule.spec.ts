import { describe, expect, it } from 'vitest';
import { dueNow, monitoringSchedule, offerSchedule, roundSchedule } from './reminder-schedule';

const offer = {
  awardId: 'a1',
  status: 'offered',
  acceptanceDeadline: '2027-03-31',
  offeredAt: new Date('2027-03-01T10:00:00Z'),
};

describe('reminder schedules', () => {
  it('reminds 7 and 1 days before an offer’s deadline at 09:00 London, and lapses it as the day ends', () => {
    const jobs = offerSchedule(offer);
    expect(jobs.map((j) => [j.jobId, j.fireAt.toISOString()])).toEqual([
      ['offer-7-days.a1.2027-03-31', '2027-03-24T09:00:00.000Z'],
      ['offer-1-day.a1.2027-03-31', '2027-03-30T08:00:00.000Z'], // British Summer Time has begun
      ['lapse-offer.a1.2027-03-31', '2027-03-31T23:00:00.000Z'],
    ]);
  });

  it('plans nothing for an answered offer, and no 7-day reminder for an offer made later than that', () => {
    expect(offerSchedule({ ...offer, status: 'accepted' })).toEqual([]);
    const late = offerSchedule({ ...offer, offeredAt: new Date('2027-03-26T10:00:00Z') });
    expect(late.map((j) => j.jobId)).toEqual(['offer-1-day.a1.2027-03-31', 'lapse-offer.a1.2027-03-31']);
  });

  it('sends only the latest of the reminders due together, and never drops a deadline', () => {
    const jobs = offerSchedule(offer);
    expect(dueNow(jobs, new Date('2027-03-24T08:59:59Z'))).toEqual([]);
    expect(dueNow(jobs, new Date('2027-03-24T09:00:00Z')).map((j) => j.jobId)).toEqual([
      'offer-7-days.a1.2027-03-31',
    ]);
    // A worker down for a week: the 1-day reminder supersedes the 7-day one, and the lapse is due too.
    expect(dueNow(jobs, new Date('2027-04-02T00:00:00Z')).map((j) => j.jobId)).toEqual([
      'offer-1-day.a1.2027-03-31',
      'lapse-offer.a1.2027-03-31',
    ]);
  });

  it('reminds groups 3 days before a published round closes', () => {
    const round = {
      roundId: 'r1',
      publishedAt: new Date('2027-01-01T00:00:00Z'),
      closesAt: new Date('2027-02-10T12:00:00Z'),
    };
    expect(roundSchedule(round).map((j) => [j.jobId, j.fireAt.toISOString()])).toEqual([
      ['round-closing.r1.2027-02-10', '2027-02-07T12:00:00.000Z'],
    ]);
    expect(roundSchedule({ ...round, publishedAt: null })).toEqual([]);
    expect(roundSchedule({ ...round, publishedAt: new Date('2027-02-09T00:00:00Z') })).toEqual([]);
  });

  it('reminds about a monitoring report 14 days before, on the day, weekly while overdue, escalating at the second', () => {
    const report = {
      reportId: 'm1',
      outstanding: true,
      dueOn: '2027-01-31',
      createdAt: new Date('2026-12-01T00:00:00Z'),
    };
    const jobs = monitoringSchedule(report, new Date('2027-02-20T00:00:00Z'));
    expect(jobs.map((j) => j.jobId)).toEqual([
      'monitoring-upcoming.m1.2027-01-31',
      'monitoring-due.m1.2027-01-31',
      'monitoring-overdue.m1.2027-02-07',
      'monitoring-overdue.m1.2027-02-14',
      'monitoring-escalation.m1.2027-02-14',
      'monitoring-overdue.m1.2027-02-21',
    ]);
    expect(jobs[0]!.fireAt.toISOString()).toBe('2027-01-17T09:00:00.000Z');
    const due = dueNow(jobs, new Date('2027-02-20T00:00:00Z')).map((j) => j.jobId);
    expect(due).toEqual(['monitoring-overdue.m1.2027-02-14', 'monitoring-escalation.m1.2027-02-14']);
    expect(monitoringSchedule({ ...report, outstanding: false }, new Date())).toEqual([]);
  });
});
