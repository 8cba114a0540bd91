import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A Community Safety Partnership (or similar), covering one or more areas. */
@Entity({ name: 'partnerships' })
export class Partnership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  name!: string;
}
