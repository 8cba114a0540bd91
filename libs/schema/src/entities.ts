import { AuditEntry } from '@grants/audit';

/** Every entity the service maps. Each capability adds its own here. */
export const ENTITIES = [AuditEntry];
