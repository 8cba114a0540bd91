import { ApiProperty } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document only: they mirror what ProfileService returns. */
export class FunderResponse {
  @ApiProperty({ format: 'uuid', example: 'a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) id!: string;
  @ApiProperty({ example: 'west-mercia-pcc' }) slug!: string;
  @ApiProperty({ example: 'Police and Crime Commissioner for West Mercia' }) name!: string;
  @ApiProperty({ example: 'West Mercia PCC' }) shortName!: string;

  @ApiProperty({
    example: '360G-wmpcc',
    description: 'The 360Giving publisher prefix, the start of every published grant identifier',
  })
  publisherPrefix!: string;

  @ApiProperty({ example: 'GB-GOR-PC000060' }) organisationIdentifier!: string;
  @ApiProperty({ example: 'grants@westmercia-pcc.example' }) contactEmail!: string;
  @ApiProperty({ example: 'https://www.westmercia-pcc.example' }) website!: string;

  @ApiProperty({
    example:
      'Section 9 of the Police Reform and Social Responsibility Act 2011: the Commissioner may award grants that, ' +
      'in his opinion, will secure or contribute to securing crime and disorder reduction in the West Mercia area.',
  })
  legalBasis!: string;

  @ApiProperty({ example: 'Europe/London' }) timeZone!: string;

  @ApiProperty({ type: 'integer', example: 4, minimum: 1, maximum: 12, description: '1 = January' })
  financialYearStartMonth!: number;

  @ApiProperty({
    type: String,
    isArray: true,
    example: [
      'ongoing core running costs',
      'renewal, increase or continuation of funding beyond the award period',
      'activities or services other than those specified in the award',
    ],
  })
  disallowedCostCategories!: string[];

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:00:00.000Z' }) updatedAt!: string;
}

export class AreaResponse {
  @ApiProperty({ example: 'E10000034', description: 'ONS code' }) code!: string;
  @ApiProperty({ example: 'Worcestershire' }) name!: string;
  @ApiProperty({ example: 'CTY', description: 'ONS area type (PFA, UA, CTY, NMD, ...)' }) type!: string;

  @ApiProperty({ type: String, nullable: true, example: 'E23000016', description: 'The enclosing area' })
  parentCode!: string | null;
}

export class PartnershipResponse {
  @ApiProperty({ format: 'uuid', example: '6b8d0f2a-4c6e-4a8b-9c0d-2e4f6a8b0c2d' }) id!: string;
  @ApiProperty({ example: 'south-worcestershire' }) key!: string;
  @ApiProperty({ example: 'South Worcestershire Community Safety Partnership' }) name!: string;

  @ApiProperty({ type: String, isArray: true, example: ['E07000235', 'E07000237', 'E07000238'] })
  areaCodes!: string[];
}

export class AreasResponse {
  @ApiProperty({
    type: [AreaResponse],
    example: [
      { code: 'E06000019', name: 'Herefordshire', type: 'UA', parentCode: 'E23000016' },
      { code: 'E23000016', name: 'West Mercia', type: 'PFA', parentCode: null },
    ],
  })
  areas!: AreaResponse[];

  @ApiProperty({ type: [PartnershipResponse] })
  partnerships!: PartnershipResponse[];
}
