import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A pot of money the funder awards from (the Community Safety Fund, a charitable trust fund, ...). */
@Entity({ name: 'funds' })
export class Fund {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
