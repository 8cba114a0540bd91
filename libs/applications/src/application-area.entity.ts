import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'application_areas' })
export class ApplicationArea {
  @PrimaryColumn({ type: 'uuid' })
  applicationId!: string;

  @PrimaryColumn({ type: 'text' })
  areaCode!: string;

  @Column({ type: 'int' })
  position!: number;
}
