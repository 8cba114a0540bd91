import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A geography with its ONS code (PFA, UA, CTY, NMD, ...), nested through parentCode. */
@Entity({ name: 'areas' })
export class Area {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  parentCode!: string | null;
}
