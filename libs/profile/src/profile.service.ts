import { Injectable } from '@nestjs/common';
import { DomainError } from '@grants/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Area } from './area.entity';
import { Funder } from './funder.entity';
import { PartnershipArea } from './partnership-area.entity';
import { Partnership } from './partnership.entity';

export interface PartnershipWithAreas {
  id: string;
  key: string;
  name: string;
  areaCodes: string[];
}

@Injectable()
export class ProfileService {
  constructor(private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** The funder this deployment serves; a database without one has not been seeded. */
  async funder(em?: EntityManager): Promise<Funder> {
    const [funder] = await this.m(em).find(Funder, { order: { createdAt: 'ASC' }, take: 1 });
    if (!funder) throw DomainError.notFound('The funder (run the seed)');
    return funder;
  }

  areas(em?: EntityManager): Promise<Area[]> {
    return this.m(em).find(Area, { order: { code: 'ASC' } });
  }

  /** The areas with these codes; unknown codes are simply absent, so callers compare lengths. */
  async areasByCodes(codes: string[], em?: EntityManager): Promise<Area[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    return this.m(em).find(Area, { where: { code: In(unique) }, order: { code: 'ASC' } });
  }

  async partnerships(em?: EntityManager): Promise<PartnershipWithAreas[]> {
    const manager = this.m(em);
    // One after the other: a caller's EntityManager may be a transaction's single connection.
    const partnerships = await manager.find(Partnership, { order: { name: 'ASC' } });
    const links = await manager.find(PartnershipArea, { order: { areaCode: 'ASC' } });
    return partnerships.map((p) => ({
      id: p.id,
      key: p.key,
      name: p.name,
      areaCodes: links.filter((l) => l.partnershipId === p.id).map((l) => l.areaCode),
    }));
  }
}
