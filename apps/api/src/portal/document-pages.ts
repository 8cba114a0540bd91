import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser } from '@grants/accounts';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { ErrorCode } from '@grants/common';
import { DOCUMENT_KINDS, DocumentKind, DocumentsService, DocumentView } from '@grants/documents';
import { missingDocuments } from '@grants/eligibility';
import { FormProblem } from './account-forms';
import type { SectionStatus } from './application-form';
import { field, PORTAL_PREFIX } from './form-body';
import { TypedForm } from './form-step';
import {
  errorList,
  fieldErrors,
  isRefusal,
  notFound,
  Page,
  PortalRouter,
  redirect,
  unlessRefused,
  UUID,
} from './portal-router';
import { uploadedFile } from './upload-form';

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  constitution: 'Constitution',
  governing_document: 'Another governing document (articles, trust deed or rules)',
  accounts_or_bank_statement: 'Latest accounts or a recent bank statement',
  safeguarding_policy: 'Safeguarding policy',
  other: 'Something else',
};
const KIND_CHOICES = DOCUMENT_KINDS.map((value) => ({ value, text: DOCUMENT_KIND_LABELS[value] }));

/** What the documents pages need of an application: whom it is for, and whether files may change. */
export interface DocumentsContext {
  application: { id: string; title: string | null; reference: string; status: string };
  involvesAtRisk: boolean | null;
  /** Files may be added: a draft in an open round, or a request for information that asks for them. */
  open: boolean;
  /** Files may be removed: only a draft's. */
  removable: boolean;
}

/** The task list's status of the documents: what the due-diligence rule would still find missing. */
export function documentsStatus(documents: DocumentView[], involvesAtRisk: boolean | null): SectionStatus {
  if (documents.length === 0) return 'not-started';
  return missingDocuments(
    documents.map((d) => d.kind),
    involvesAtRisk,
  ).length
    ? 'in-progress'
    : 'completed';
}

/** The files sent with an application, as its answers list them; none where the person may not see them. */
export async function supportingDocuments(
  documents: DocumentsService,
  user: AuthUser,
  applicationId: string,
): Promise<(DocumentView & { kindText: string })[]> {
  const sent = (await unlessRefused(documents.list(user, applicationId))) ?? [];
  return sent.map((d) => ({ ...d, kindText: DOCUMENT_KIND_LABELS[d.kind] }));
}

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** A service refusal of the file, in words for the person who chose it. */
function fileProblem(error: { code: string; message: string }): FormProblem {
  if (error.code === ErrorCode.UnsupportedMediaType) {
    return {
      field: 'file',
      message:
        'The selected file must be a PDF, a Word or OpenDocument file, or a picture (JPG, PNG, GIF or WebP)',
    };
  }
  return { field: 'file', message: error.message };
}

/**
 * An application's supporting documents: what the due-diligence rule asks for and what is still
 * missing, the files sent (each downloadable, and removable while the application is a draft), and a form
 * that sends one file at a time as a plain multipart form, so it works with JavaScript off. Officers
 * download the same files from the case page. The documents service keeps every rule: who, when, the
 * type sniffed from the content, the size and the count.
 */
export function mountDocumentPages(
  app: NestFastifyApplication,
  router: PortalRouter,
  load: (user: AuthUser, id: string) => Promise<DocumentsContext | null>,
): void {
  const documents = app.get(DocumentsService);
  const maxBytes = app.get<AppConfig>(APP_CONFIG).documents.maxBytes;
  const base = (id: string) => `${PORTAL_PREFIX}/applications/${id}`;

  const documentsPage = async (user: AuthUser, d: DocumentsContext, typed?: TypedForm): Promise<Page> => {
    const sent = await documents.list(user, d.application.id);
    const problems = typed?.problems ?? [];
    const missing = missingDocuments(
      sent.map((x) => x.kind),
      d.involvesAtRisk,
    );
    return {
      status: problems.length ? 400 : 200,
      view: 'application-documents.njk',
      context: {
        title: 'Documents',
        ...d,
        base: base(d.application.id),
        documents: sent.map((x) => ({
          ...x,
          kindText: DOCUMENT_KIND_LABELS[x.kind],
          size: sizeText(x.sizeBytes),
        })),
        missing,
        atRiskUnanswered: d.involvesAtRisk === null,
        kindChoices: KIND_CHOICES.map((c) => ({ ...c, checked: field(typed?.body, 'kind') === c.value })),
        maxSize: sizeText(maxBytes),
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  router.signedIn('GET', '/applications/:id/documents', async ({ user, request, reply }) => {
    const d = await load(user, (request.params as { id: string }).id);
    if (!d) return notFound();
    if (!d.open) return redirect(reply, `${base(d.application.id)}/check`);
    return documentsPage(user, d);
  });

  router.signedIn('POST', '/applications/:id/documents', async ({ user, request, reply, body }) => {
    const d = await load(user, (request.params as { id: string }).id);
    if (!d) return notFound();
    if (!d.open) return redirect(reply, `${base(d.application.id)}/check`);
    const again = (problems: FormProblem[]) => documentsPage(user, d, { form: 'upload', body, problems });
    const kind = field(body, 'kind');
    const file = uploadedFile(request);
    const problems: FormProblem[] = [];
    if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
      problems.push({ field: 'kind', message: 'Select what the document is' });
    }
    if (!file) problems.push({ field: 'file', message: 'Select a file' });
    else if (file.tooLarge)
      problems.push({
        field: 'file',
        message: `The selected file must be smaller than ${sizeText(maxBytes)}`,
      });
    else if (file.bytes.length === 0) problems.push({ field: 'file', message: 'The selected file is empty' });
    if (problems.length || !file) return again(problems);
    try {
      await documents.upload(user, d.application.id, {
        kind: kind as DocumentKind,
        fileName: file.fileName.slice(0, 255) || 'document',
        declaredType: null,
        bytes: file.bytes,
      });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (error.code === ErrorCode.NotFound) return notFound();
      return again([fileProblem(error)]);
    }
    return redirect(reply, `${base(d.application.id)}/documents`);
  });

  router.signedIn('POST', '/applications/:id/documents/:documentId/remove', async (visit) => {
    const { user, request, reply } = visit;
    const { id, documentId } = request.params as { id: string; documentId: string };
    const d = await load(user, id);
    if (!d || !UUID.test(documentId)) return notFound();
    if (!d.removable) return redirect(reply, `${base(id)}/check`);
    try {
      await documents.delete(user, id, documentId);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (error.code === ErrorCode.NotFound) return notFound();
      return documentsPage(user, d, {
        form: 'remove',
        body: visit.body,
        problems: [{ field: 'documents', message: error.message }],
      });
    }
    return redirect(reply, `${base(id)}/documents`);
  });

  // The file itself, for its applicant and, once it is submitted, for officers: the service decides.
  router.signedIn('GET', '/applications/:id/documents/:documentId', async ({ user, request, reply }) => {
    const { id, documentId } = request.params as { id: string; documentId: string };
    if (!UUID.test(id) || !UUID.test(documentId)) return notFound();
    const file = await unlessRefused(documents.download(user, id, documentId));
    if (!file) return notFound();
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', file.disposition)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });
}
