import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';

/** numeric comes back from PostgreSQL as a string; targets are ordinary numbers in the API. */
const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? v : Number(v)),
};

@Entity({ name: 'application_measures' })
export class ApplicationMeasure {
  @PrimaryColumn({ type: 'uuid' })
  applicationId!: string;

  @PrimaryColumn({ type: 'uuid' })
  measureId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'numeric', transformer: numericTransformer })
  target!: number;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  baseline!: number | null;
}
