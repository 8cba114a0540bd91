import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DOCUMENT_KINDS, DocumentKind } from './document-kind';

/** The upload's description travels in the query; the body is the file's bytes and nothing else. */
export class UploadDocumentQueryDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'safeguarding_policy' })
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;

  @ApiProperty({
    description: 'The file’s name as the user knows it; folders, control characters and the like are removed',
    example: 'Safeguarding policy 2026.pdf',
    minLength: 1,
    maxLength: 255,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName!: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: DocumentKind;
  @ApiProperty({ example: 'Safeguarding policy 2026.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf', description: 'Detected from the content, not the upload' })
  mediaType!: string;
  @ApiProperty({ example: 48213 }) sizeBytes!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class DocumentListResponse {
  @ApiProperty({ type: [DocumentResponse] }) items!: DocumentResponse[];
}
