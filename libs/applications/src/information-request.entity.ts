import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InformationReturnStatus } from './application-status';
import { RequestableAnswer } from './requestable-answers';

export const INFORMATION_REQUEST_STATUSES = ['open', 'answered', 'cancelled'] as const;
export type InformationRequestStatus = (typeof INFORMATION_REQUEST_STATUSES)[number];

/** An officer's request for more information on named answers; at most one is open per application. */
@Entity({ name: 'information_requests' })
export class InformationRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text', default: 'open' })
  status!: InformationRequestStatus;

  /** The answers the applicant may change while the request is open. */
  @Column({ type: 'text', array: true })
  answers!: RequestableAnswer[];

  /** What the officer asks, in words the applicant reads. */
  @Column({ type: 'text' })
  message!: string;

  /** The status the application returns to once answered. */
  @Column({ type: 'text' })
  returnStatus!: InformationReturnStatus;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: 'uuid', nullable: true })
  respondedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  /** When it stopped being open: answered, or cancelled by withdrawal. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
