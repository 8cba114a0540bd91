import { DomainError } from '@grants/common';
import { EntityManager } from 'typeorm';
import { ConflictDeclaration } from './conflict-declaration.entity';

/** The declaration one officer made on one application, if any. */
export function declarationOf(
  em: EntityManager,
  applicationId: string,
  userId: string,
): Promise<ConflictDeclaration | null> {
  return em.findOne(ConflictDeclaration, { where: { applicationId, userId } });
}

/**
 * Scores are seen, and the application scored or moderated, only by someone who has said they have no
 * conflict of interest in it: 403 for a declared conflict, and for no declaration yet.
 */
export async function assertNoConflict(
  em: EntityManager,
  applicationId: string,
  userId: string,
  doing: string,
): Promise<void> {
  const declaration = await declarationOf(em, applicationId, userId);
  if (!declaration) {
    throw DomainError.forbidden(
      `Declare whether you have a conflict of interest in this application before you ${doing}`,
    );
  }
  if (declaration.hasConflict) {
    throw DomainError.forbidden(
      `You declared a conflict of interest in this application, so you cannot ${doing}`,
    );
  }
}

/** For steps that need no declaration first (asking for information, assigning assessors): a declared conflict still bars them. */
export async function assertNotConflicted(
  em: EntityManager,
  applicationId: string,
  userId: string,
  doing: string,
): Promise<void> {
  const declaration = await declarationOf(em, applicationId, userId);
  if (declaration?.hasConflict) {
    throw DomainError.forbidden(
      `You declared a conflict of interest in this application, so you cannot ${doing}`,
    );
  }
}

/** Whether the user declared a conflict in the application (they then read it as an outsider would). */
export async function hasDeclaredConflict(
  em: EntityManager,
  applicationId: string,
  userId: string,
): Promise<boolean> {
  return (await declarationOf(em, applicationId, userId))?.hasConflict ?? false;
}
