import { EntityManager } from 'typeorm';
import { InformationRequest } from './information-request.entity';

/** The application's open information request, if any: it says which answers may change meanwhile. */
export function openInformationRequest(
  em: EntityManager,
  applicationId: string,
): Promise<InformationRequest | null> {
  return em.findOne(InformationRequest, { where: { applicationId, status: 'open' } });
}

/** Closes an open request because the application ended (withdrawn) before it was answered. */
export async function cancelOpenInformationRequest(
  em: EntityManager,
  applicationId: string,
  now: Date,
): Promise<void> {
  await em.update(
    InformationRequest,
    { applicationId, status: 'open' },
    { status: 'cancelled', closedAt: now },
  );
}
