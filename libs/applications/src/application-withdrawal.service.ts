import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import { Clock, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { ApplicationTransitions } from './application-transitions';
import { Application } from './application.entity';
import { ApplicationView, viewOf } from './application-view';
import { cancelOpenInformationRequest } from './open-information-request';

/** The applicant withdrawing, at any point the status machine allows, optionally saying why. */
@Injectable()
export class ApplicationWithdrawalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly transitions: ApplicationTransitions,
    private readonly clock: Clock,
  ) {}

  async withdraw(user: AuthUser, id: string, reason?: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.actable(em, user, id);
      const why = trimToNull(reason) ?? null;
      const now = this.clock.now();
      await this.transitions.move(em, {
        application,
        to: 'withdrawn',
        actor: actorFrom(user),
        action: 'application.withdrawn',
        reason: why,
        patch: { withdrawnAt: now, withdrawalReason: why },
      });
      await cancelOpenInformationRequest(em, id, now);
      return viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }
}
