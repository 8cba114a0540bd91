import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Area,
  AreasResponse,
  Funder,
  FunderResponse,
  PartnershipWithAreas,
  ProfileService,
} from '@grants/profile';
import { Public } from '../auth/public.decorator';

@ApiTags('reference')
@Public()
@Controller()
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  @Get('funder')
  @ApiOperation({
    summary: 'The funder: name, 360Giving publisher prefix, organisation identifier, legal basis',
  })
  @ApiOkResponse({ type: FunderResponse })
  funder(): Promise<Funder> {
    return this.profile.funder();
  }

  @Get('areas')
  @ApiOperation({
    summary: 'The areas grants may benefit (ONS codes, nested) and the partnerships covering them',
  })
  @ApiOkResponse({ type: AreasResponse })
  async areas(): Promise<{ areas: Area[]; partnerships: PartnershipWithAreas[] }> {
    const [areas, partnerships] = await Promise.all([this.profile.areas(), this.profile.partnerships()]);
    return { areas, partnerships };
  }
}
