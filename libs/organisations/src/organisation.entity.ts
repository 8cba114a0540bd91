import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LegalForm } from './legal-form';

@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  legalForm!: LegalForm;

  /** Text, never a number: OSCR and CCNI numbers carry letters, and leading zeros matter. */
  @Column({ type: 'text', nullable: true })
  charityNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  companyNumber!: string | null;

  @Column({ type: 'text' })
  addressLine1!: string;

  @Column({ type: 'text', nullable: true })
  addressLine2!: string | null;

  @Column({ type: 'text' })
  town!: string;

  @Column({ type: 'text' })
  postcode!: string;

  /** The local authority area the organisation works in (areas.code). */
  @Column({ type: 'text' })
  localAuthorityCode!: string;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;

  /** Published with its area only, never its address (a refuge, say). */
  @Column({ type: 'boolean', default: false })
  sensitive!: boolean;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
