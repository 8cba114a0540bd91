import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Clock, SystemClock } from '@grants/common';
import { inTransaction } from '@grants/database';
import { Fund, FundYear, FundingSource } from '@grants/funds';
import { Aim, Objective, Plan, PlanVersion, SuccessMeasure } from '@grants/plans';
import { Area, Funder, Partnership, PartnershipArea } from '@grants/profile';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { ProfileFile, validateProfile } from './profile-file';

export interface SeedResult {
  funderId: string;
  funderName: string;
  planId: string;
  planVersionId: string;
  /** Fund ids by the profile's fund keys. */
  fundIds: Record<string, string>;
  /** What this run inserted or updated ("area E06000019 created"); empty when the database already matched. */
  changes: string[];
}

function differs<T extends object>(row: T, wanted: Partial<T>): Partial<T> {
  const patch: Partial<T> = {};
  for (const [k, v] of Object.entries(wanted) as [keyof T, T[keyof T]][]) {
    const current = row[k];
    const equal =
      Array.isArray(v) && Array.isArray(current)
        ? JSON.stringify(v) === JSON.stringify(current)
        : current === v;
    if (!equal) patch[k] = v;
  }
  return patch;
}

/**
 * Upserts by natural key: finds the row by `key`, inserts it when absent and updates only the fields
 * that differ. So a second run with the same file writes nothing at all.
 */
async function upsert<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  key: FindOptionsWhere<T>,
  wanted: Partial<T>,
  label: string,
  changes: string[],
): Promise<T> {
  const found = await em.findOne(entity, { where: key });
  if (!found) {
    const created = await em.save(entity, em.create(entity, { ...key, ...wanted } as T));
    changes.push(`${label} created`);
    return created;
  }
  const patch = differs(found, wanted);
  if (Object.keys(patch).length) {
    await em.update(entity, key, patch as never);
    changes.push(`${label} updated (${Object.keys(patch).join(', ')})`);
    return { ...found, ...patch };
  }
  return found;
}

/** Parents before children, so every parent_code already exists when its child is written. */
function parentsFirst(areas: ProfileFile['areas']): ProfileFile['areas'] {
  const out: ProfileFile['areas'] = [];
  const placed = new Set<string>();
  let pending = [...areas];
  while (pending.length) {
    const ready = pending.filter((a) => a.parentCode === null || placed.has(a.parentCode));
    if (ready.length === 0) throw new Error(`areas form a cycle: ${pending.map((a) => a.code).join(', ')}`);
    for (const a of ready) {
      out.push(a);
      placed.add(a.code);
    }
    pending = pending.filter((a) => !placed.has(a.code));
  }
  return out;
}

/**
 * Loads a funder's profile into the database, idempotently (upsert by natural keys: funder slug, area
 * code, partnership key, plan key and version number, aim code, objective number, measure code, fund
 * key, fund year label, source name). The plan version in the file is published; a version that is
 * already published is the record past decisions rest on, so its content is left exactly as it is.
 */
export async function seedProfile(
  dataSource: DataSource,
  profileJson: unknown,
  clock: Clock = new SystemClock(),
): Promise<SeedResult> {
  const profile = validateProfile(profileJson);
  const audit = new AuditService();
  return inTransaction(dataSource, async (em) => {
    const changes: string[] = [];
    const f = profile.funder;
    const funder = await upsert(
      em,
      Funder,
      { slug: f.slug },
      {
        name: f.name,
        shortName: f.shortName,
        publisherPrefix: f.publisherPrefix,
        organisationIdentifier: f.organisationIdentifier,
        contactEmail: f.contactEmail,
        website: f.website,
        legalBasis: f.legalBasis,
        timeZone: f.timeZone,
        financialYearStartMonth: f.financialYearStartMonth,
        publishOn: f.publishOn ?? 'acceptance',
        disallowedCostCategories: profile.disallowedCostCategories,
      },
      `funder ${f.slug}`,
      changes,
    );

    for (const a of parentsFirst(profile.areas)) {
      await upsert(
        em,
        Area,
        { code: a.code },
        { name: a.name, type: a.type, parentCode: a.parentCode },
        `area ${a.code}`,
        changes,
      );
    }

    for (const p of profile.partnerships) {
      const partnership = await upsert(
        em,
        Partnership,
        { key: p.key },
        { name: p.name },
        `partnership ${p.key}`,
        changes,
      );
      const links = await em.find(PartnershipArea, { where: { partnershipId: partnership.id } });
      const have = new Set(links.map((l) => l.areaCode));
      const want = new Set(p.areaCodes);
      for (const code of want) {
        if (!have.has(code)) {
          await em.insert(PartnershipArea, { partnershipId: partnership.id, areaCode: code });
          changes.push(`partnership ${p.key} now covers ${code}`);
        }
      }
      for (const code of have) {
        if (!want.has(code)) {
          await em.delete(PartnershipArea, { partnershipId: partnership.id, areaCode: code });
          changes.push(`partnership ${p.key} no longer covers ${code}`);
        }
      }
    }

    const pf = profile.plan;
    const plan = await upsert(
      em,
      Plan,
      { key: pf.key },
      { title: pf.title, periodStart: pf.periodStart, periodEnd: pf.periodEnd },
      `plan ${pf.key}`,
      changes,
    );
    const versionLabel = `plan ${pf.key} version ${pf.version.number}`;
    let version = await em.findOne(PlanVersion, { where: { planId: plan.id, number: pf.version.number } });
    if (!version) {
      version = await em.save(
        em.create(PlanVersion, {
          planId: plan.id,
          number: pf.version.number,
          label: pf.version.label,
          status: 'draft',
          effectiveFrom: pf.version.effectiveFrom,
          notes: pf.version.notes,
          publishedAt: null,
        }),
      );
      changes.push(`${versionLabel} created`);
    }
    if (version.status === 'draft') {
      const patch = differs(version, {
        label: pf.version.label,
        effectiveFrom: pf.version.effectiveFrom,
        notes: pf.version.notes,
      });
      if (Object.keys(patch).length) await em.update(PlanVersion, { id: version.id }, patch);
      await seedPlanContent(em, version.id, pf.aims, versionLabel, changes);
      await em.update(PlanVersion, { id: version.id }, { status: 'published', publishedAt: clock.now() });
      changes.push(`${versionLabel} published`);
    }

    const fundIds: Record<string, string> = {};
    for (const fd of profile.funds) {
      const fund = await upsert(
        em,
        Fund,
        { key: fd.key },
        { name: fd.name, description: fd.description },
        `fund ${fd.key}`,
        changes,
      );
      fundIds[fd.key] = fund.id;
      for (const y of fd.years) {
        const year = await upsert(
          em,
          FundYear,
          { fundId: fund.id, label: y.label },
          {
            startsOn: y.startsOn,
            endsOn: y.endsOn,
            capPence: y.capPence,
            overAllocationTolerancePence: y.overAllocationTolerancePence ?? 0,
          },
          `fund ${fd.key} year ${y.label}`,
          changes,
        );
        for (const s of y.sources) {
          await upsert(
            em,
            FundingSource,
            { fundYearId: year.id, name: s.name },
            { kind: s.kind, amountPence: s.amountPence },
            `fund ${fd.key} year ${y.label} source "${s.name}"`,
            changes,
          );
        }
      }
    }

    if (changes.length) {
      await audit.record(em, {
        actor: SYSTEM_ACTOR,
        subjectType: 'funder',
        subjectId: funder.id,
        action: 'profile.seeded',
        data: { changes },
      });
    }
    return {
      funderId: funder.id,
      funderName: funder.name,
      planId: plan.id,
      planVersionId: version.id,
      fundIds,
      changes,
    };
  });
}

async function seedPlanContent(
  em: EntityManager,
  versionId: string,
  aims: ProfileFile['plan']['aims'],
  label: string,
  changes: string[],
): Promise<void> {
  for (const [i, a] of aims.entries()) {
    const aim = await upsert(
      em,
      Aim,
      { planVersionId: versionId, code: a.code },
      { title: a.title, position: i + 1 },
      `${label} aim ${a.code}`,
      changes,
    );
    for (const o of a.objectives) {
      const objective = await upsert(
        em,
        Objective,
        { planVersionId: versionId, number: o.number },
        { aimId: aim.id, title: o.title, description: o.description },
        `${label} objective ${o.number}`,
        changes,
      );
      for (const m of o.successMeasures) {
        await upsert(
          em,
          SuccessMeasure,
          { objectiveId: objective.id, code: m.code },
          { description: m.description, unit: m.unit },
          `${label} measure ${m.code}`,
          changes,
        );
      }
    }
  }
}
