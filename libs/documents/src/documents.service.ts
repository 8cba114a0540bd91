import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import {
  Application,
  ApplicationAccess,
  ApplicationStatus,
  openInformationRequest,
} from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, ErrorCode } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationDocument } from './application-document.entity';
import { DocumentKind } from './document-kind';
import { DOCUMENT_STORAGE, DocumentStorage } from './document-storage';
import { documentView, DocumentView } from './document-view';
import { attachmentDisposition, sanitiseFileName } from './file-name';
import { newStorageKey } from './local-disk-storage';
import { ACCEPTED_MEDIA_TYPES, sniffMediaType } from './media-type';

/** Same subject as every other application entry, so uploads and deletions appear on its timeline. */
const AUDIT_SUBJECT = 'application';

/** Uploads are allowed while the applicant is still working on the answers. */
export const UPLOAD_STATUSES: readonly ApplicationStatus[] = ['draft', 'information_requested'];
/** Deletion only while a draft: once submitted, what was submitted stays. */
export const DELETE_STATUSES: readonly ApplicationStatus[] = ['draft'];
/** More than enough for the required documents and a few extras; stops a runaway client filling the disk. */
export const MAX_DOCUMENTS_PER_APPLICATION = 50;

export interface UploadCommand {
  kind: DocumentKind;
  fileName: string;
  /** The Content-Type the client declared: application/octet-stream, or a type it claims the file is. */
  declaredType: string | null;
  bytes: Buffer;
}

export interface DocumentDownload {
  bytes: Buffer;
  mediaType: string;
  disposition: string;
  sha256: string;
}

@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * Checks who and when first (so a stranger learns nothing from the content checks), then the content;
   * the bytes are stored before the row commits, and removed again if the transaction fails.
   */
  async upload(user: AuthUser, applicationId: string, cmd: UploadCommand): Promise<DocumentView> {
    return inTransaction(
      this.dataSource,
      async (em) => {
        const application = await this.access.actable(em, user, applicationId);
        assertStatus(application, UPLOAD_STATUSES, 'uploaded');
        if (application.status === 'information_requested') {
          const request = await openInformationRequest(em, applicationId);
          if (!request?.answers.includes('documents')) {
            throw DomainError.conflict(
              'The application is waiting for information, and the request does not ask for documents',
              { currentStatus: application.status, reopenedAnswers: request?.answers ?? [] },
            );
          }
        }
        if (!cmd.bytes.length) {
          throw DomainError.invalid([{ field: '(body)', message: 'the file is empty' }]);
        }
        const detected = sniffMediaType(cmd.bytes);
        if (!detected) {
          throw new DomainError(
            ErrorCode.UnsupportedMediaType,
            'The file is not a PDF, an image (PNG, JPEG, GIF, WebP), a Word or an OpenDocument file',
            { acceptedTypes: ACCEPTED_MEDIA_TYPES },
          );
        }
        const declared = cmd.declaredType;
        if (declared && declared !== 'application/octet-stream' && declared !== detected.mediaType) {
          throw new DomainError(
            ErrorCode.UnsupportedMediaType,
            `The upload was declared as ${declared} but its content is ${detected.mediaType}`,
            { declaredType: declared, detectedType: detected.mediaType },
          );
        }
        const count = await em.count(ApplicationDocument, { where: { applicationId } });
        if (count >= MAX_DOCUMENTS_PER_APPLICATION) {
          throw DomainError.rule(
            `An application may have at most ${MAX_DOCUMENTS_PER_APPLICATION} documents; delete one first`,
          );
        }
        const fileName = sanitiseFileName(cmd.fileName, detected.extension);
        const sha256 = createHash('sha256').update(cmd.bytes).digest('hex');
        const storageKey = newStorageKey();
        await this.storage.put(storageKey, cmd.bytes);
        try {
          const inserted = await em.save(
            em.create(ApplicationDocument, {
              applicationId,
              kind: cmd.kind,
              fileName,
              storageKey,
              mediaType: detected.mediaType,
              sizeBytes: cmd.bytes.length,
              sha256,
              uploadedBy: user.id,
              uploadedAt: this.clock.now(),
            }),
          );
          await this.audit.record(em, {
            actor: actorFrom(user),
            subjectType: AUDIT_SUBJECT,
            subjectId: applicationId,
            action: 'application.document_uploaded',
            data: {
              documentId: inserted.id,
              kind: cmd.kind,
              fileName,
              mediaType: detected.mediaType,
              sizeBytes: cmd.bytes.length,
              sha256,
            },
          });
          return documentView(inserted);
        } catch (error) {
          await this.forget(storageKey);
          throw error;
        }
      },
      1,
    );
  }

  async list(user: AuthUser, applicationId: string): Promise<DocumentView[]> {
    return this.dataSource.transaction(async (em) => {
      await this.access.readable(em, user, applicationId);
      const rows = await em.find(ApplicationDocument, {
        where: { applicationId },
        order: { uploadedAt: 'ASC', id: 'ASC' },
      });
      return rows.map(documentView);
    });
  }

  async download(user: AuthUser, applicationId: string, documentId: string): Promise<DocumentDownload> {
    const document = await this.dataSource.transaction(async (em) => {
      await this.access.readable(em, user, applicationId);
      return this.find(em, applicationId, documentId);
    });
    const bytes = await this.storage.get(document.storageKey);
    return {
      bytes,
      mediaType: document.mediaType,
      disposition: attachmentDisposition(document.fileName),
      sha256: document.sha256,
    };
  }

  async delete(user: AuthUser, applicationId: string, documentId: string): Promise<void> {
    const removed = await inTransaction(this.dataSource, async (em) => {
      const application = await this.access.actable(em, user, applicationId);
      const document = await this.find(em, applicationId, documentId);
      assertStatus(application, DELETE_STATUSES, 'deleted');
      await em.delete(ApplicationDocument, { id: document.id });
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: AUDIT_SUBJECT,
        subjectId: applicationId,
        action: 'application.document_deleted',
        data: {
          documentId: document.id,
          kind: document.kind,
          fileName: document.fileName,
          mediaType: document.mediaType,
          sizeBytes: document.sizeBytes,
          sha256: document.sha256,
        },
      });
      return document;
    });
    // Only once the deletion has committed: a rollback must not leave a row without its bytes.
    await this.forget(removed.storageKey);
  }

  private async find(em: EntityManager, applicationId: string, documentId: string) {
    const document = await em.findOne(ApplicationDocument, { where: { id: documentId, applicationId } });
    if (!document) throw DomainError.notFound('The document');
    return document;
  }

  /** Best effort: a file left behind is an orphan to sweep, never a document anyone can reach. */
  private async forget(storageKey: string): Promise<void> {
    try {
      await this.storage.delete(storageKey);
    } catch (error) {
      this.logger.warn(`could not remove stored document ${storageKey}: ${String(error)}`);
    }
  }
}

function assertStatus(application: Application, allowed: readonly ApplicationStatus[], verb: string): void {
  if (!allowed.includes(application.status)) {
    throw DomainError.conflict(
      `Documents can only be ${verb} while the application is ${allowed.join(' or ')}; it is ${application.status}`,
      { currentStatus: application.status, allowedStatuses: allowed },
    );
  }
}
