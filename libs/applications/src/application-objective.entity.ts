import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'application_objectives' })
export class ApplicationObjective {
  @PrimaryColumn({ type: 'uuid' })
  applicationId!: string;

  @PrimaryColumn({ type: 'uuid' })
  objectiveId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  contribution!: string;
}
