import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A plan objective, numbered within its version (numbers change between versions, ids never do). */
@Entity({ name: 'objectives' })
export class Objective {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planVersionId!: string;

  @Column({ type: 'uuid' })
  aimId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;
}
