import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An objective a round funds; planVersionId lets composite keys insist it is the round's own version. */
@Entity({ name: 'round_objectives' })
export class RoundObjective {
  @PrimaryColumn({ type: 'uuid' })
  roundId!: string;

  @PrimaryColumn({ type: 'uuid' })
  objectiveId!: string;

  @Column({ type: 'uuid' })
  planVersionId!: string;
}
