import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One weighted assessment criterion of a round, frozen with the round's other terms once it opens. */
@Entity({ name: 'round_criteria' })
export class RoundCriterion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  /** 1-based order in which assessors see them. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  guidance!: string;

  @Column({ type: 'int' })
  weight!: number;
}
