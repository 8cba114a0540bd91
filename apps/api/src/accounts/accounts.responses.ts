import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@grants/accounts';

/** Response shapes, for the OpenAPI document only. */
export class UserResponse {
  @ApiProperty({ example: '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11' }) id!: string;
  @ApiProperty({ example: 'secretary@bromsgrove-watch.org.uk' }) email!: string;
  @ApiProperty({ example: 'Sam Patel' }) displayName!: string;
  @ApiProperty({ example: [Role.Applicant], enum: Object.values(Role), isArray: true }) roles!: Role[];
  @ApiProperty({ example: true }) emailVerified!: boolean;
  @ApiProperty({ example: null, nullable: true, type: Number }) approvalLimitPence!: number | null;
  @ApiProperty({ example: false }) disabled!: boolean;
  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' }) updatedAt!: string;
}

export class UserPageResponse {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
  @ApiProperty({ example: null, nullable: true, type: String }) nextCursor!: string | null;
}

export class LoginResponse {
  @ApiProperty({
    example: 'q3Xb2m0d9fK4yJ8sW1eR7tY6uI5oP0aZcVbNm3lKj2h',
    description: 'Send as `Authorization: Bearer <token>`',
  })
  token!: string;
  @ApiProperty({ example: '2026-05-01T21:30:00.000Z' }) expiresAt!: string;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}

export class AcceptedResponse {
  @ApiProperty({ example: 'Check your email: if the address can be used, we have sent a link' })
  message!: string;
}
