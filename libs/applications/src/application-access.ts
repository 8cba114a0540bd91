import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { DomainError } from '@grants/common';
import { lockedById } from '@grants/database';
import { OrganisationAccess } from '@grants/organisations';
import { EntityManager } from 'typeorm';
import { Application } from './application.entity';

/** The one place that answers "may this user see, or change, this application?". */
@Injectable()
export class ApplicationAccess {
  constructor(private readonly organisations: OrganisationAccess) {}

  /**
   * Readable by members of the applying organisation, and by officers once it has been submitted: a draft
   * (even one withdrawn unsubmitted) is the applicant's private work, so to everyone else it does not exist.
   */
  async readable(
    em: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ application: Application; member: boolean }> {
    const application = await em.findOne(Application, { where: { id } });
    if (!application) throw DomainError.notFound('The application');
    const role = await this.organisations.membership(em, user.id, application.organisationId);
    if (role !== null) return { application, member: true };
    if (isOfficer(user) && application.submittedAt !== null) return { application, member: false };
    throw DomainError.notFound('The application');
  }

  /**
   * Locked for a change by a member of the applying organisation. Officers who are not members know it
   * exists (they can read it), so they get 403; everyone else gets 404.
   */
  async actable(em: EntityManager, user: AuthUser, id: string): Promise<Application> {
    const application = await em.findOne(Application, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw DomainError.notFound('The application');
    const role = await this.organisations.membership(em, user.id, application.organisationId);
    if (role === null) {
      if (isOfficer(user) && application.submittedAt !== null) {
        throw DomainError.forbidden('Only members of the applying organisation may change its application');
      }
      throw DomainError.notFound('The application');
    }
    return application;
  }

  /**
   * Locked for an officer's action (screening, an information request, assessment). Drafts do not exist to
   * officers, so anything never submitted is 404, as it is when they read.
   */
  async forOfficer(em: EntityManager, user: AuthUser, id: string, lock = true): Promise<Application> {
    const application = lock
      ? await lockedById(em, Application, id)
      : await em.findOne(Application, { where: { id } });
    if (!application || !isOfficer(user) || application.submittedAt === null) {
      throw DomainError.notFound('The application');
    }
    return application;
  }
}
