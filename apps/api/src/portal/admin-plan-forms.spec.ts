import { DomainError } from '@grants/common';
import {
  CreateAimDto,
  CreateMeasureDto,
  CreateObjectiveDto,
  CreatePlanVersionDto,
  UpdateMeasureDto,
  UpdatePlanVersionDto,
} from '@grants/plans';
import { describe, expect, it } from 'vitest';
import { dtoErrors } from '../http/validation';
import {
  planRefusal,
  readAim,
  readMeasure,
  readNewVersion,
  readObjective,
  readVersionDetails,
} from './admin-plan-forms';

const AIM = '7f3e2d1c-0b9a-4876-9543-21fedcba9876';
const OBJECTIVE = '9d2f0c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const messages = (form: { problems: { field: string; message: string }[] }) =>
  Object.fromEntries(form.problems.map((p) => [p.field, p.message]));

describe('the plan administration forms', () => {
  it('starts a version with an optional name and notes, leaving out what is blank', () => {
    expect(readNewVersion({ label: '  ', notes: '' }).command).toEqual({});
    expect(readNewVersion({ label: ' Revised plan ', notes: 'After the Panel' }).command).toEqual({
      label: 'Revised plan',
      notes: 'After the Panel',
    });
    expect(messages(readNewVersion({ label: 'x'.repeat(301) }))).toEqual({
      label: 'Name must be 300 characters or fewer',
    });
  });

  it('needs a draft’s name, and a real date when one is given; a blank date or notes clears them', () => {
    expect(
      messages(
        readVersionDetails({
          label: '',
          'effectiveFrom-day': '31',
          'effectiveFrom-month': '2',
          'effectiveFrom-year': '2014',
        }),
      ),
    ).toEqual({
      label: 'Enter the version’s name',
      'effectiveFrom-day': 'The date it takes effect must be a real date, like 1 4 2013',
    });
    expect(readVersionDetails({ label: 'Revised', notes: ' ' }).command).toEqual({
      label: 'Revised',
      notes: null,
      effectiveFrom: null,
    });
    expect(
      readVersionDetails({
        label: 'Revised',
        notes: 'Objectives cut to 11',
        'effectiveFrom-day': '1',
        'effectiveFrom-month': '4',
        'effectiveFrom-year': '2014',
      }).command,
    ).toEqual({ label: 'Revised', notes: 'Objectives cut to 11', effectiveFrom: '2014-04-01' });
    expect(messages(readVersionDetails({ label: 'Revised', notes: 'n'.repeat(5001) }))).toEqual({
      notes: 'Notes must be 5,000 characters or fewer',
    });
  });

  it('needs an aim’s code, title and place, within the API’s limits', () => {
    expect(messages(readAim({ position: '0' }))).toEqual({
      code: 'Enter the aim’s code, like A5',
      title: 'Enter the aim’s title',
      position: 'Enter the aim’s place in the plan as a whole number from 1 to 1000',
    });
    expect(messages(readAim({ code: 'A'.repeat(21), title: 't'.repeat(501), position: '1.5' }))).toEqual({
      code: 'Aim code must be 20 characters or fewer',
      title: 'Aim title must be 500 characters or fewer',
      position: 'Enter the aim’s place in the plan as a whole number from 1 to 1000',
    });
    expect(messages(readAim({ code: 'A5', title: 'Bad\u0000title', position: '5' }))).toEqual({
      title: 'Aim title must not contain unusual characters',
    });
    expect(readAim({ code: ' A5 ', title: 'To listen', position: '05' }).command).toEqual({
      code: 'A5',
      title: 'To listen',
      position: 5,
    });
  });

  it('puts an objective under one of its version’s aims only', () => {
    expect(messages(readObjective({ aimId: 'elsewhere', number: '1001', title: '' }, [AIM]))).toEqual({
      aimId: 'Select the aim the objective serves',
      number: 'Enter the objective’s number as a whole number from 1 to 1000',
      title: 'Enter the objective’s title',
    });
    expect(
      readObjective({ aimId: AIM, number: '14', title: 'To listen', description: '' }, [AIM]).command,
    ).toEqual({
      aimId: AIM,
      number: 14,
      title: 'To listen',
      description: '',
    });
  });

  it('counts a measure in one of the units, and moves it only to an objective of the same version', () => {
    expect(messages(readMeasure({ code: '', description: '', unit: 'miles' }))).toEqual({
      code: 'Enter the success measure’s code, like 8.4',
      description: 'Enter what the success measure measures',
      unit: 'Select how the success measure is counted',
    });
    expect(
      readMeasure({ code: '14.1', description: 'Meetings held', unit: 'count', objectiveId: OBJECTIVE })
        .command,
    ).toEqual({
      code: '14.1',
      description: 'Meetings held',
      unit: 'count',
    });
    expect(
      messages(readMeasure({ code: '14.1', description: 'd'.repeat(1001), unit: 'count' }, [OBJECTIVE])),
    ).toEqual({
      description: 'Success measure must be 1,000 characters or fewer',
      objectiveId: 'Select the objective the success measure belongs to',
    });
    expect(
      readMeasure({ code: '14.1', description: 'Meetings held', unit: 'rate', objectiveId: OBJECTIVE }, [
        OBJECTIVE,
      ]).command,
    ).toEqual({ code: '14.1', description: 'Meetings held', unit: 'rate', objectiveId: OBJECTIVE });
  });

  it('sends only what the API’s own DTOs accept', async () => {
    const ok = async (dto: new () => object, command: object | null) => {
      expect(command).not.toBeNull();
      expect(await dtoErrors(dto, command!)).toEqual([]);
    };
    await ok(CreatePlanVersionDto, readNewVersion({ label: 'Revised' }).command);
    await ok(CreatePlanVersionDto, readNewVersion({}).command);
    await ok(UpdatePlanVersionDto, readVersionDetails({ label: 'Revised' }).command);
    await ok(CreateAimDto, readAim({ code: 'A5', title: 'To listen', position: '5' }).command);
    await ok(
      CreateObjectiveDto,
      readObjective({ aimId: AIM, number: '14', title: 'To listen' }, [AIM]).command,
    );
    await ok(CreateMeasureDto, readMeasure({ code: '14.1', description: 'Meetings', unit: 'count' }).command);
    await ok(
      UpdateMeasureDto,
      readMeasure({ code: '14.1', description: 'Meetings', unit: 'count', objectiveId: OBJECTIVE }, [
        OBJECTIVE,
      ]).command,
    );
  });

  it('says a broken rule whole, and a refusal in the service’s words', () => {
    const rule = DomainError.rule('A plan version needs the date it takes effect before it is published', [
      { field: 'effectiveFrom', message: 'must be set before publishing' },
    ]);
    expect(planRefusal(rule, 'publish')).toEqual([
      { field: 'publish', message: 'A plan version needs the date it takes effect before it is published' },
    ]);
    const published = DomainError.conflict(
      'Plan version 1 is published and cannot change; start a new version to vary the plan',
    );
    expect(planRefusal(published, 'title')).toEqual([
      {
        field: 'title',
        message: 'Plan version 1 is published and cannot change; start a new version to vary the plan',
      },
    ]);
    expect(
      planRefusal(DomainError.invalid([{ field: 'unit', message: 'must be one of count' }]), 'unit'),
    ).toEqual([{ field: 'unit', message: 'Must be one of count' }]);
  });
});
