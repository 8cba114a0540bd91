import { Module } from '@nestjs/common';
import { DocumentsModule } from '@grants/documents';
import { DocumentsController } from './documents.controller';

@Module({ imports: [DocumentsModule], controllers: [DocumentsController] })
export class DocumentsHttpModule {}
