import { ApiProperty } from '@nestjs/swagger';
import { FUNDING_SOURCE_KINDS, FundingSourceKind } from '../funding-source.entity';

/** Response shapes, for the OpenAPI document only: they mirror what FundsService returns. */

const FUND_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const FUND_YEAR_ID = '0b7c9a52-5a55-4b8e-9f39-1a2b3c4d5e6f';

export class FundingSourceResponse {
  @ApiProperty({ format: 'uuid', example: '8e9f0a1b-2c3d-4e5f-a607-18293a4b5c6d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: FUND_YEAR_ID }) fundYearId!: string;
  @ApiProperty({ example: 'Home Office community safety grant' }) name!: string;
  @ApiProperty({ enum: FUNDING_SOURCE_KINDS, example: 'grant' }) kind!: FundingSourceKind;
  @ApiProperty({ type: 'integer', example: 99_000_000, description: 'In pence' }) amountPence!: number;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) createdAt!: string;
}

export class FundYearResponse {
  @ApiProperty({ format: 'uuid', example: FUND_YEAR_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: FUND_ID }) fundId!: string;
  @ApiProperty({ example: '2013/14' }) label!: string;
  @ApiProperty({ type: String, format: 'date', example: '2013-04-01' }) startsOn!: string;
  @ApiProperty({ type: String, format: 'date', example: '2014-03-31' }) endsOn!: string;

  @ApiProperty({
    type: 'integer',
    example: 100_000_000,
    description: 'The most that may be committed in the year, in pence',
  })
  capPence!: number;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'How far commitments may exceed the cap, in pence',
  })
  overAllocationTolerancePence!: number;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) createdAt!: string;

  @ApiProperty({
    type: [FundingSourceResponse],
    example: [
      {
        id: '8e9f0a1b-2c3d-4e5f-a607-18293a4b5c6d',
        fundYearId: FUND_YEAR_ID,
        name: 'Home Office community safety grant',
        kind: 'grant',
        amountPence: 99_000_000,
        createdAt: '2026-05-01T09:00:00.000Z',
      },
      {
        id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f1',
        fundYearId: FUND_YEAR_ID,
        name: 'Police fund contribution',
        kind: 'contribution',
        amountPence: 1_000_000,
        createdAt: '2026-05-01T09:00:00.000Z',
      },
    ],
  })
  sources!: FundingSourceResponse[];

  @ApiProperty({ type: 'integer', example: 100_000_000, description: 'The sources added up, in pence' })
  sourcesTotalPence!: number;
}

export class FundResponse {
  @ApiProperty({ format: 'uuid', example: FUND_ID }) id!: string;
  @ApiProperty({ example: 'community-safety-fund' }) key!: string;
  @ApiProperty({ example: 'Community Safety Fund' }) name!: string;

  @ApiProperty({
    example:
      'Grants under section 9 of the Police Reform and Social Responsibility Act 2011 for activities that will ' +
      'secure or contribute to securing crime and disorder reduction in West Mercia.',
  })
  description!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) createdAt!: string;

  @ApiProperty({ type: [FundYearResponse], description: 'In start order' })
  years!: FundYearResponse[];
}

export class FundListResponse {
  @ApiProperty({ type: [FundResponse] }) items!: FundResponse[];
}

export class PositionFundYearResponse {
  @ApiProperty({ format: 'uuid', example: FUND_YEAR_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: FUND_ID }) fundId!: string;
  @ApiProperty({ example: '2013/14' }) label!: string;
  @ApiProperty({ type: String, format: 'date', example: '2013-04-01' }) startsOn!: string;
  @ApiProperty({ type: String, format: 'date', example: '2014-03-31' }) endsOn!: string;
}

export class FundYearPositionResponse {
  @ApiProperty({ type: PositionFundYearResponse }) fundYear!: PositionFundYearResponse;
  @ApiProperty({ type: 'integer', example: 100_000_000 }) capPence!: number;
  @ApiProperty({ type: 'integer', example: 0 }) overAllocationTolerancePence!: number;
  @ApiProperty({ type: [FundingSourceResponse] }) sources!: FundingSourceResponse[];
  @ApiProperty({ type: 'integer', example: 100_000_000 }) sourcesTotalPence!: number;
  @ApiProperty({ type: 'integer', example: 12_000_000, description: 'Every commitment made' })
  committedPence!: number;
  @ApiProperty({
    type: 'integer',
    example: 1_000_000,
    description: 'Declines, lapses, reductions, revocations',
  })
  releasedPence!: number;
  @ApiProperty({ type: 'integer', example: 11_000_000 }) netCommittedPence!: number;
  @ApiProperty({ type: 'integer', example: 6_000_000 }) paidPence!: number;
  @ApiProperty({ type: 'integer', example: 250_000 }) returnedPence!: number;
  @ApiProperty({ type: 'integer', example: 5_750_000 }) netPaidPence!: number;
  @ApiProperty({ type: 'integer', example: 89_000_000, description: 'cap − (commitments − releases)' })
  availablePence!: number;
  @ApiProperty({ type: 'integer', example: 89_000_000, description: 'What a new award may still be' })
  headroomPence!: number;
}
