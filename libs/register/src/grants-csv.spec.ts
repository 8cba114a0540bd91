import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRow, neutraliseCell } from './grants-csv';
import { toGiving360Grant } from './giving360';
import { buildRegisterEntry, PublicationFacts } from './register-entry-builder';
import { fixtureContext, registerFixture, variedRegister } from './register-fixtures';

const DATE_MODIFIED = '2017-04-03T09:30:00.000Z';

function grantOf(facts: PublicationFacts): Record<string, unknown> {
  const entry = { ...buildRegisterEntry(facts), dateModified: DATE_MODIFIED };
  return toGiving360Grant(entry, fixtureContext(entry.id));
}

/** Strict RFC 4180: throws on a bare quote or a line break outside quotes, and on a missing final CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else inQuotes = false;
    } else if (c === '"' && cell === '') inQuotes = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else cell += c;
  }
  if (inQuotes || cell !== '' || row.length > 0) throw new Error('unterminated last record');
  return rows;
}

type Schema = {
  title?: string;
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
};
const standard = (file: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../standards/360giving-1.4.3', file), 'utf8')) as Schema & {
    $defs: Record<string, Schema>;
  };
const grantSchema = standard('360-giving-schema.json');
const deref = (s: Schema): Schema => (s.$ref ? grantSchema.$defs[s.$ref.replace('#/$defs/', '')]! : s);

/** The grant property path a flattened title names, found by the schema's titles alone. */
function pathOfTitle(title: string): string[] {
  let schema: Schema = grantSchema;
  return title.split(':').map((part) => {
    const properties = deref(schema.items ?? schema).properties ?? {};
    const found = Object.entries(properties).find(([, p]) => (p.title ?? deref(p).title) === part);
    if (!found) throw new Error(`no property titled ${part} in ${title}`);
    schema = found[1];
    return found[0];
  });
}

describe('CSV columns', () => {
  it('are titled as the 360Giving schema titles its properties', () => {
    const paths = CSV_COLUMNS.map(pathOfTitle);
    expect(paths.map((p) => p.join('.'))).toContain('recipientOrganization.addressLocality');
    expect(paths.map((p) => p.join('.'))).toContain('recipientIndividual.id');
    expect(new Set(CSV_COLUMNS).size).toBe(CSV_COLUMNS.length);
    expect(CSV_COLUMNS).toHaveLength(35);
  });

  it('hold the value at the path each title names, for every kind of grant', () => {
    const paths = CSV_COLUMNS.map(pathOfTitle);
    for (const facts of variedRegister(20)) {
      const grant = grantOf(facts);
      const [cells] = parseCsv(csvRow(grant));
      paths.forEach(([key, element], c) => {
        const value = grant[key!];
        const values = element === undefined ? [value] : [value].flat().map((v) => (v as any)?.[element]);
        const expected = values.filter((v) => v !== undefined).join('; ');
        expect(cells![c], `${facts.award.id} ${CSV_COLUMNS[c]}`).toBe(neutraliseCell(expected));
      });
    }
  });
});

describe('neutraliseCell', () => {
  it.each(['=1+1', '+44 1905', '-2', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (s) => {
    expect(neutraliseCell(s)).toBe(`'${s}`);
  });

  it.each(['Safer streets', '', '1234.56', "'already", ' =spaced'])('leaves %j alone', (s) => {
    expect(neutraliseCell(s)).toBe(s);
  });
});

describe('csvRow', () => {
  it('neutralises and quotes a formula in the description', () => {
    const row = csvRow(grantOf(registerFixture(1)));
    expect(row).toContain(
      `,"'=HYPERLINK(""https://evil.example"",""Click me"") night-time economy volunteers.",`,
    );
    const [cells] = parseCsv(row);
    expect(cells![CSV_COLUMNS.indexOf('Description')]).toBe(
      `'=HYPERLINK("https://evil.example","Click me") night-time economy volunteers.`,
    );
    expect(cells![CSV_COLUMNS.indexOf('Title')]!.startsWith("'=HYPERLINK(")).toBe(true);
  });

  it('neutralises a leading - and @ and +', () => {
    const title = (i: number) => parseCsv(csvRow(grantOf(registerFixture(i))))[0]![1];
    expect([title(2), title(3), title(4)]).toEqual([
      "'- Safe journeys home",
      "'@risk young people into boxing",
      "'+1 farm watch schemes",
    ]);
  });

  it('keeps line breaks inside a quoted cell', () => {
    const [cells] = parseCsv(csvRow(grantOf(registerFixture(9))));
    expect(cells![2]).toBe(
      'Independent domestic violence advisers,\r\nout-of-hours helpline, and sanctuary measures.',
    );
  });

  it('joins several values in one cell', () => {
    const [cells] = parseCsv(csvRow(grantOf(registerFixture(2))));
    expect(cells![CSV_COLUMNS.indexOf('Beneficiary Location:Geographic Code')]).toBe(
      'E23000016; E07000235; E07000236',
    );
    expect(cells![CSV_COLUMNS.indexOf('Classifications:Code')]).toBe(
      'objective-5; objective-10; objective-4',
    );
  });

  it('fills the individual columns, not the organisation ones, for an individual', () => {
    const [cells] = parseCsv(csvRow(grantOf(registerFixture(8))));
    const at = (title: string) => cells![CSV_COLUMNS.indexOf(title)];
    expect(at('Recipient Ind:Name')).toBe('Individual recipient');
    expect(at('Recipient Org:Identifier')).toBe('');
    expect(at('Recipient Org:Country')).toBe('');
  });

  it('gives every one of 400 varied rows as many cells as the header', () => {
    const text =
      csvHeader() +
      variedRegister(400)
        .map((f) => csvRow(grantOf(f)))
        .join('');
    const rows = parseCsv(text);
    expect(rows).toHaveLength(401);
    expect(rows[0]).toEqual(CSV_COLUMNS);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('writes the committed golden file', () => {
    const csv =
      csvHeader() +
      variedRegister(10)
        .map((f) => csvRow(grantOf(f)))
        .join('');
    const path = join(__dirname, '__golden__', 'grants.csv');
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(join(__dirname, '__golden__'), { recursive: true });
      writeFileSync(path, csv);
    }
    expect(existsSync(path), 'grants.csv is missing; write it with UPDATE_GOLDEN=1').toBe(true);
    expect(csv).toBe(readFileSync(path, 'utf8'));
  });
});
