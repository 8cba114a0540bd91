import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@grants/audit';
import { DomainError } from '@grants/common';
import { inTransaction, isUniqueViolation } from '@grants/database';
import { DataSource, EntityManager, In } from 'typeorm';
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
}
