import { Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'partnership_areas' })
export class PartnershipArea {
  @PrimaryColumn({ type: 'uuid' })
  partnershipId!: string;

  @PrimaryColumn({ type: 'text' })
  areaCode!: string;
}
