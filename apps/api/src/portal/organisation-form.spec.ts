import { describe, expect, it } from 'vitest';
import { parseForm } from './form-body';
import { checkOrganisation, organisationProblems } from './organisation-form';

const COMPLETE =
  'name=Malvern+Watch&legalForm=registered_charity&charityNumber=1123456&addressLine1=12+Church+Street' +
  '&town=Malvern&postcode=wr14+3aa&localAuthorityCode=E07000235';

describe('the organisation form', () => {
  it('asks for each required answer in GOV.UK’s words', () => {
    expect(checkOrganisation(parseForm('')).problems.map((p) => p.message)).toEqual([
      'Enter the name of your organisation',
      'Select the type of organisation',
      'Enter the first line of the address',
      'Enter the town or city',
      'Enter the postcode',
      'Select the area your organisation works in',
    ]);
  });

  it('turns a complete form into the service’s input, empty optional answers as null', () => {
    const { input, problems, values } = checkOrganisation(parseForm(`${COMPLETE}&sensitive=yes`));
    expect(problems).toEqual([]);
    expect(input).toMatchObject({
      name: 'Malvern Watch',
      legalForm: 'registered_charity',
      charityNumber: '1123456',
      companyNumber: null,
      addressLine2: null,
      contactEmail: null,
      sensitive: true,
    });
    expect(values.sensitive).toBe(true);
  });

  it('refuses a legal form it does not know, and answers that are too long', () => {
    const { problems } = checkOrganisation(
      parseForm(
        COMPLETE.replace('registered_charity', 'pirate_ship').replace('Malvern+Watch', 'x'.repeat(201)),
      ),
    );
    expect(problems).toEqual([
      { field: 'name', message: 'Organisation name must be 200 characters or fewer' },
      { field: 'legalForm', message: 'Select the type of organisation' },
    ]);
  });

  it('words the service’s reasons as sentences about the field', () => {
    expect(
      organisationProblems([
        { field: 'charityNumber', message: 'charityNumber must be 6 to 8 digits' },
        {
          field: 'companyNumber',
          message: 'a registered charity does not have a company number; leave it empty',
        },
        { field: 'localAuthorityCode', message: 'must be the code of an area (see GET /areas)' },
      ]),
    ).toEqual([
      { field: 'charityNumber', message: 'Charity number must be 6 to 8 digits' },
      {
        field: 'companyNumber',
        message: 'A registered charity does not have a company number; leave it empty',
      },
      { field: 'localAuthorityCode', message: 'Select the area your organisation works in' },
    ]);
  });
});
