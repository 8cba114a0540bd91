import { Round, RoundsService } from '@grants/rounds';
import { EntityManager } from 'typeorm';
import { Application } from './application.entity';

export async function roundOfApplication(
  rounds: RoundsService,
  em: EntityManager,
  application: Application,
): Promise<Round> {
  const round = await rounds.findById(application.roundId, em);
  // The foreign key to rounds makes this impossible; reaching it means the schema itself is broken.
  if (!round) {
    throw new Error(
      `invariant broken: application ${application.id} refers to round ${application.roundId}, which does not exist`,
    );
  }
  return round;
}
