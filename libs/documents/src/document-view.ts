import { ApplicationDocument } from './application-document.entity';
import { DocumentKind } from './document-kind';

export interface DocumentView {
  id: string;
  applicationId: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export function documentView(d: ApplicationDocument): DocumentView {
  return {
    id: d.id,
    applicationId: d.applicationId,
    kind: d.kind,
    fileName: d.fileName,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}
