import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A strategic aim; objectives sit under aims. */
@Entity({ name: 'aims' })
export class Aim {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planVersionId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'int' })
  position!: number;
}
