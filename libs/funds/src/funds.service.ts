import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@grants/audit';
import { DomainError } from '@grants/common';
import { inTransaction, isUniqueViolation } from '@grants/database';
import { DataSource, EntityManager, In } from 'typeorm';
import { availablePence, headroomPence, LedgerTotals, netCommittedPence } from './fund-year-position';
import { fundYearProblems } from './fund-year-rules';
import { FundYear } from './fund-year.entity';
import { Fund } from './fund.entity';
import { FUNDING_SOURCE_KINDS, FundingSource, FundingSourceKind } from './funding-source.entity';

export type FundYearWithSources = FundYear & { sources: FundingSource[]; sourcesTotalPence: number };
export type FundWithYears = Fund & { years: FundYearWithSources[] };

export interface NewFund {
  key: string;
  name: string;
  description?: string;
}

export interface NewFundYear {
  label: string;
  startsOn: string;
  endsOn: string;
  capPence: number;
  overAllocationTolerancePence?: number;
}

export interface NewFundingSource {
  name: string;
  kind: FundingSourceKind;
  amountPence: number;
}

/** A fund year's money: its cap and sources, and the ledger's figures. */
export interface FundYearPosition {
  fundYear: { id: string; fundId: string; label: string; startsOn: string; endsOn: string };
  capPence: number;
  overAllocationTolerancePence: number;
  sources: FundingSource[];
  sourcesTotalPence: number;
  committedPence: number;
  releasedPence: number;
  /** Commitments less releases: what the year has promised. */
  netCommittedPence: number;
  paidPence: number;
  returnedPence: number;
  /** Paid less returned. */
  netPaidPence: number;
  /** Cap less net commitments (negative when over-allocated within the tolerance). */
  availablePence: number;
  /** What a new award may still be: cap plus tolerance less net commitments. */
  headroomPence: number;
}

@Injectable()
export class FundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async listFunds(em?: EntityManager): Promise<FundWithYears[]> {
    const funds = await this.m(em).find(Fund, { order: { createdAt: 'ASC', key: 'ASC' } });
    return this.withYears(funds, this.m(em));
  }

  async getFund(fundId: string, em?: EntityManager): Promise<FundWithYears> {
    const fund = await this.m(em).findOne(Fund, { where: { id: fundId } });
    if (!fund) throw DomainError.notFound('The fund');
    const [withYears] = await this.withYears([fund], this.m(em));
    return withYears!;
  }

  private async withYears(funds: Fund[], em: EntityManager): Promise<FundWithYears[]> {
    if (funds.length === 0) return [];
    const years = await em.find(FundYear, {
      where: { fundId: In(funds.map((f) => f.id)) },
      order: { startsOn: 'ASC' },
    });
    const sources = years.length
      ? await em.find(FundingSource, {
          where: { fundYearId: In(years.map((y) => y.id)) },
          order: { createdAt: 'ASC', name: 'ASC' },
        })
      : [];
    return funds.map((f) => ({
      ...f,
      years: years
        .filter((y) => y.fundId === f.id)
        .map((y) => {
          const own = sources.filter((s) => s.fundYearId === y.id);
          return { ...y, sources: own, sourcesTotalPence: own.reduce((sum, s) => sum + s.amountPence, 0) };
        }),
    }));
  }

  async createFund(input: NewFund, actor: Actor): Promise<FundWithYears> {
    return inTransaction(this.dataSource, async (em) => {
      let fund: Fund;
      try {
        fund = await em.save(
          em.create(Fund, { key: input.key, name: input.name, description: input.description ?? '' }),
        );
      } catch (error) {
        if (isUniqueViolation(error))
          throw DomainError.conflict(`A fund with key ${input.key} already exists`);
        throw error;
      }
      await this.audit.record(em, {
        actor,
        subjectType: 'fund',
        subjectId: fund.id,
        action: 'fund.created',
        data: { key: fund.key, name: fund.name },
      });
      return { ...fund, years: [] };
    });
  }

  async addYear(fundId: string, input: NewFundYear, actor: Actor): Promise<FundYearWithSources> {
    return inTransaction(this.dataSource, async (em) => {
      // Locking the fund serialises year additions, so two overlapping years cannot both pass the check.
      const fund = await em.findOne(Fund, { where: { id: fundId }, lock: { mode: 'pessimistic_write' } });
      if (!fund) throw DomainError.notFound('The fund');
      const existing = await em.find(FundYear, { where: { fundId } });
      const problems = fundYearProblems(input, existing);
      if (problems.some((p) => p.field === 'label')) {
        throw DomainError.conflict(`The fund already has a year labelled ${input.label}`);
      }
      if (problems.length) throw DomainError.invalid(problems);
      const year = await em.save(
        em.create(FundYear, {
          fundId,
          label: input.label,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          capPence: input.capPence,
          overAllocationTolerancePence: input.overAllocationTolerancePence ?? 0,
        }),
      );
      await this.audit.record(em, {
        actor,
        subjectType: 'fund_year',
        subjectId: year.id,
        action: 'fund_year.created',
        data: { fundId, label: year.label, capPence: year.capPence },
      });
      return { ...year, sources: [], sourcesTotalPence: 0 };
    });
  }

  async addSource(fundYearId: string, input: NewFundingSource, actor: Actor): Promise<FundingSource> {
    if (!(FUNDING_SOURCE_KINDS as readonly string[]).includes(input.kind)) {
      throw DomainError.invalid([
        { field: 'kind', message: `must be one of ${FUNDING_SOURCE_KINDS.join(', ')}` },
      ]);
    }
    return inTransaction(this.dataSource, async (em) => {
      const year = await em.findOne(FundYear, { where: { id: fundYearId } });
      if (!year) throw DomainError.notFound('The fund year');
      let source: FundingSource;
      try {
        source = await em.save(em.create(FundingSource, { fundYearId, ...input }));
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw DomainError.conflict(`The fund year already has a source named ${input.name}`);
        }
        throw error;
      }
      await this.audit.record(em, {
        actor,
        subjectType: 'fund_year',
        subjectId: fundYearId,
        action: 'fund_year.source_added',
        data: { sourceId: source.id, name: source.name, kind: source.kind, amountPence: source.amountPence },
      });
      return source;
    });
  }

  async position(fundYearId: string): Promise<FundYearPosition> {
    return inTransaction(this.dataSource, async (em) => {
      const year = await em.findOne(FundYear, { where: { id: fundYearId } });
      if (!year) throw DomainError.notFound('The fund year');
      const sources = await em.find(FundingSource, {
        where: { fundYearId },
        order: { createdAt: 'ASC', name: 'ASC' },
      });
      const totals: LedgerTotals = year;
      return {
        fundYear: {
          id: year.id,
          fundId: year.fundId,
          label: year.label,
          startsOn: year.startsOn,
          endsOn: year.endsOn,
        },
        capPence: year.capPence,
        overAllocationTolerancePence: year.overAllocationTolerancePence,
        sources,
        sourcesTotalPence: sources.reduce((sum, s) => sum + s.amountPence, 0),
        committedPence: year.committedPence,
        releasedPence: year.releasedPence,
        netCommittedPence: netCommittedPence(totals),
        paidPence: year.paidPence,
        returnedPence: year.returnedPence,
        netPaidPence: year.paidPence - year.returnedPence,
        availablePence: availablePence(totals),
        headroomPence: headroomPence(totals),
      };
    });
  }

  /**
   * How far commitments may run over the cap, for funders who over-allocate because some offers lapse.
   * An administrator's decision with a reason, audited; refused if commitments already exceed the new limit.
   */
  async setTolerance(
    fundYearId: string,
    input: { overAllocationTolerancePence: number; reason: string },
    actor: Actor,
  ): Promise<FundYearPosition> {
    await inTransaction(this.dataSource, async (em) => {
      const year = await em.findOne(FundYear, {
        where: { id: fundYearId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!year) throw DomainError.notFound('The fund year');
      const net = netCommittedPence(year);
      if (net > year.capPence + input.overAllocationTolerancePence) {
        throw DomainError.conflict(
          `The year has ${net} pence committed, more than the cap plus the new tolerance allows`,
          { netCommittedPence: net, capPence: year.capPence },
        );
      }
      await em.update(
        FundYear,
        { id: fundYearId },
        { overAllocationTolerancePence: input.overAllocationTolerancePence },
      );
      await this.audit.record(em, {
        actor,
        subjectType: 'fund_year',
        subjectId: fundYearId,
        action: 'fund_year.tolerance_changed',
        reason: input.reason.trim(),
        data: {
          fromPence: year.overAllocationTolerancePence,
          toPence: input.overAllocationTolerancePence,
          capPence: year.capPence,
        },
      });
    });
    return this.position(fundYearId);
  }
}
