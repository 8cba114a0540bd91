import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MeasureUnit = 'count' | 'percent' | 'pounds' | 'text' | 'rate';

export const MEASURE_UNITS: readonly MeasureUnit[] = ['count', 'percent', 'pounds', 'text', 'rate'];

@Entity({ name: 'success_measures' })
export class SuccessMeasure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  objectiveId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  unit!: MeasureUnit;
}
