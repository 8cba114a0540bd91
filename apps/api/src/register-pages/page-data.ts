import { ProfileService } from '@grants/profile';
import { RegisterQueries } from '@grants/register';
import { DataSource } from 'typeorm';
import { FilterChoices } from './filters-form';

/** What every page shows of the funder: the header, the titles and the footer. */
export interface FunderView {
  name: string;
  shortName: string;
  website: string;
  contactEmail: string;
  timeZone: string;
}

export interface Option {
  value: string;
  text: string;
}

/** The filter form's choices, each as the select shows it and as the parser checks it. */
export interface FilterOptions {
  fundYears: Option[];
  areas: Option[];
  objectives: Option[];
  rounds: Option[];
  choices: FilterChoices;
}

/**
 * The published plan's objectives, one per number: the numbers are stable across plan versions (the
 * register stores the number), so two published versions must not list an objective twice.
 */
const OBJECTIVES_SQL = `SELECT o.number, o.title FROM objectives o JOIN plan_versions v ON v.id = o.plan_version_id
  WHERE v.status = 'published' ORDER BY o.number`;

/** The reads behind the pages that are not the register itself: the funder, areas, plan and facets. */
export class PageData {
  constructor(
    private readonly profile: ProfileService,
    private readonly queries: RegisterQueries,
    private readonly dataSource: DataSource,
  ) {}

  async funder(): Promise<FunderView> {
    const f = await this.profile.funder();
    return {
      name: f.name,
      shortName: f.shortName,
      website: f.website,
      contactEmail: f.contactEmail,
      timeZone: f.timeZone,
    };
  }

  async filterOptions(): Promise<FilterOptions> {
    // One after the other: each is a small read, and the pool is shared with the API.
    const facets = await this.queries.facets();
    const areas = (await this.profile.areas()).slice().sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    const rows: { number: number; title: string }[] = await this.dataSource.query(OBJECTIVES_SQL);
    const objectives = new Map<number, string>();
    for (const r of rows) if (!objectives.has(Number(r.number))) objectives.set(Number(r.number), r.title);
    return {
      fundYears: facets.fundYears.map((y) => ({ value: y, text: y })),
      areas: areas.map((a) => ({ value: a.code, text: a.name })),
      objectives: [...objectives].map(([n, title]) => ({ value: String(n), text: `${n}. ${title}` })),
      rounds: facets.rounds.map((r) => ({ value: r.id, text: r.title })),
      choices: {
        fundYears: facets.fundYears,
        areaCodes: areas.map((a) => a.code),
        objectiveNumbers: [...objectives.keys()],
        roundIds: facets.rounds.map((r) => r.id),
      },
    };
  }
}
