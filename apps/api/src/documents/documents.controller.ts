import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '@grants/accounts';
import { DomainError, ErrorCode } from '@grants/common';
import {
  ACCEPTED_MEDIA_TYPES,
  DocumentListResponse,
  DocumentResponse,
  DocumentsService,
  DocumentView,
  UploadDocumentQueryDto,
} from '@grants/documents';
import { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/current-user.decorator';
import { ParseIdPipe } from '../http/validation';

/** The one route that takes a body other than JSON; create-api.ts registers its parser for it alone. */
export const DOCUMENT_UPLOAD_ROUTE = '/api/v1/applications/:id/documents';

@ApiTags('documents')
@Controller('applications/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Upload a supporting document (the body is the file itself)',
    description:
      'Send the file’s bytes as the body with Content-Type application/octet-stream (or the file’s own type), ' +
      'and its kind and name in the query. The type is detected from the content: PDF, PNG, JPEG, GIF, WebP, ' +
      'Word (.docx, .doc) and OpenDocument (.odt, .ods) are accepted, anything else is 415, as is a declared ' +
      'type the content contradicts. Larger than DOCUMENT_MAX_BYTES (10 MiB by default): 413. The name is ' +
      'sanitised and given the detected type’s extension; a SHA-256 is recorded. Members of the applying ' +
      'organisation, while the application is a draft or information_requested (409 otherwise).',
  })
  @ApiConsumes('application/octet-stream', ...ACCEPTED_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The file’s bytes' })
  @ApiCreatedResponse({ type: DocumentResponse, description: 'The document as stored' })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: UploadDocumentQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<DocumentView> {
    // Anything but raw bytes (a JSON body, say) is not a file.
    if (!Buffer.isBuffer(body)) {
      throw new DomainError(
        ErrorCode.UnsupportedMediaType,
        'Send the file’s bytes as the body, with Content-Type application/octet-stream',
      );
    }
    const declaredType = contentType?.split(';')[0]?.trim().toLowerCase() || null;
    return this.documents.upload(user, id, { ...query, declaredType, bytes: body });
  }

  @Get()
  @ApiOperation({
    summary: 'The application’s supporting documents, oldest first',
    description: 'Members of the applying organisation; officers once it has been submitted (404 otherwise).',
  })
  @ApiOkResponse({ type: DocumentListResponse })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: DocumentView[] }> {
    return { items: await this.documents.list(user, id) };
  }

  @Get(':documentId')
  @ApiOperation({
    summary: 'Download a supporting document',
    description:
      'The bytes as uploaded, with the detected Content-Type, as an attachment under the sanitised name, and ' +
      'the SHA-256 in X-Content-SHA256. Members; officers once submitted (404 otherwise).',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('documentId', ParseIdPipe) documentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.documents.download(user, id, documentId);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-content-sha256', file.sha256);
    void reply.header('cache-control', 'private, no-store');
    return new StreamableFile(file.bytes, {
      type: file.mediaType,
      disposition: file.disposition,
      length: file.bytes.length,
    });
  }

  @Delete(':documentId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a supporting document (while the application is a draft)',
    description: 'Members of the applying organisation; 409 once the application has been submitted.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('documentId', ParseIdPipe) documentId: string,
  ): Promise<void> {
    await this.documents.delete(user, id, documentId);
  }
}
