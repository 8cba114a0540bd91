import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PUBLISH_ON = ['acceptance', 'decision'] as const;
export type PublishOn = (typeof PUBLISH_ON)[number];

/** The Commissioner (or other funder) this deployment serves, as the profile file describes it. */
@Entity({ name: 'funders' })
export class Funder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  shortName!: string;

  /** The 360Giving publisher prefix, the start of every published grant identifier. */
  @Column({ type: 'text' })
  publisherPrefix!: string;

  @Column({ type: 'text' })
  organisationIdentifier!: string;

  @Column({ type: 'text' })
  contactEmail!: string;

  @Column({ type: 'text' })
  website!: string;

  @Column({ type: 'text' })
  legalBasis!: string;

  @Column({ type: 'text' })
  timeZone!: string;

  @Column({ type: 'int' })
  financialYearStartMonth!: number;

  /** When a grant goes on the public register: its offer accepted (the default), or its decision made. */
  @Column({ type: 'text', default: 'acceptance' })
  publishOn!: PublishOn;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disallowedCostCategories!: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
