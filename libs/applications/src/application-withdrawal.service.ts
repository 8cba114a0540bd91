import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { Clock, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { assertApplicationTransition } from './application-status';
import { ApplicationView, viewOf } from './application-view';
import { Application } from './application.entity';
import { APPLICATION_AUDIT_SUBJECT } from './audit-subject';

/** The applicant withdrawing, at any point the status machine allows, optionally saying why. */
@Injectable()
export class ApplicationWithdrawalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async withdraw(user: AuthUser, id: string, reason?: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.actable(em, user, id);
      assertApplicationTransition(application.status, 'withdrawn');
      const why = trimToNull(reason) ?? null;
      await em.update(
        Application,
        { id },
        {
          status: 'withdrawn',
          statusBeforeInformationRequest: null,
          withdrawnAt: this.clock.now(),
          withdrawalReason: why,
        },
      );
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: APPLICATION_AUDIT_SUBJECT,
        subjectId: id,
        action: 'application.withdrawn',
        fromStatus: application.status,
        toStatus: 'withdrawn',
        reason: why,
      });
      return viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }
}
