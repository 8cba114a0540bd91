import { AuthUser } from '@grants/accounts';
import { ApplicationQueries, ApplicationStatus, ApplicationSummary } from '@grants/applications';
import { AwardQueries, AwardSummary, AwardWorkItem } from '@grants/awards';
import { calendarDateIn, Clock } from '@grants/common';
import { FundsService, FundYearPosition } from '@grants/funds';
import { MonitoringReportsService, OverdueReport, SubmittedReport } from '@grants/monitoring';

/** How many of each kind of work the home page lists; more says "and more". */
export const WORK_LIST_SIZE = 10;

export interface WorkList<T> {
  items: T[];
  /** True when there are more than the list shows. */
  more: boolean;
}

export interface OfficerWork {
  toScreen: WorkList<ApplicationSummary>;
  toAssess: WorkList<ApplicationSummary>;
  waitingForApplicants: WorkList<ApplicationSummary>;
  toDecide: WorkList<ApplicationSummary>;
  offersAwaitingAcceptance: WorkList<AwardSummary>;
  /** Accepted grants still waiting on a condition to be met before any payment. */
  conditionsToCheck: AwardWorkItem[];
  /** Accepted grants whose conditions allow payment and with money still to pay: finance's list. */
  toPay: AwardWorkItem[];
  reportsToReview: SubmittedReport[];
  reportsOverdue: { items: OverdueReport[]; total: number };
  /** Each fund's year that includes today, in the funder's calendar, or else its latest year begun. */
  fundYears: (FundYearPosition & { fundName: string; ended: boolean })[];
}

/**
 * What an officer's home page shows: the work waiting at each step and the current fund years' money,
 * read through the same services as the API (each applies its own access rule), one read after another
 * because they share the pool with every other request.
 */
export class OfficerHome {
  constructor(
    private readonly applications: ApplicationQueries,
    private readonly awards: AwardQueries,
    private readonly monitoring: MonitoringReportsService,
    private readonly funds: FundsService,
    private readonly clock: Clock,
  ) {}

  async work(officer: AuthUser, timeZone: string): Promise<OfficerWork> {
    const applications = async (status: ApplicationStatus): Promise<WorkList<ApplicationSummary>> => {
      const page = await this.applications.list(officer, { status, limit: WORK_LIST_SIZE });
      return { items: page.items, more: page.nextCursor !== null };
    };
    const toScreen = await applications('submitted');
    const toAssess = await applications('in_assessment');
    const waitingForApplicants = await applications('information_requested');
    const toDecide = await applications('recommended');
    const offers = await this.awards.list(officer, { status: 'offered', limit: WORK_LIST_SIZE });
    const conditionsToCheck = await this.awards.toPay(officer, false, WORK_LIST_SIZE);
    const toPay = await this.awards.toPay(officer, true, WORK_LIST_SIZE);
    const reportsToReview = await this.monitoring.toReview(officer, WORK_LIST_SIZE);
    const reportsOverdue = await this.monitoring.overdue(officer, WORK_LIST_SIZE);
    const today = calendarDateIn(this.clock.now(), timeZone);
    const fundYears: OfficerWork['fundYears'] = [];
    for (const fund of await this.funds.listFunds()) {
      const begun = fund.years
        .filter((y) => y.startsOn <= today)
        .sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
      const year = begun.find((y) => today <= y.endsOn) ?? begun[0];
      if (!year) continue;
      fundYears.push({
        ...(await this.funds.position(year.id)),
        fundName: fund.name,
        ended: year.endsOn < today,
      });
    }
    return {
      toScreen,
      toAssess,
      waitingForApplicants,
      toDecide,
      offersAwaitingAcceptance: { items: offers.items, more: offers.nextCursor !== null },
      conditionsToCheck,
      toPay,
      reportsToReview,
      reportsOverdue,
      fundYears,
    };
  }
}
