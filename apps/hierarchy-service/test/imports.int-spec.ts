import ExcelJS from 'exceljs';
import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';
import type { TestResponse } from './support/test-app';

const HEADER = 'ref,parentRef,parentKey,level,title,businessUnit,measureKind,tags';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An organization, a portfolio, a program, a project, then packages of ten measures, `rows` lines in all. */
function treeCsv(rows: number, parentKey?: string): string {
  const lines = [HEADER];
  if (parentKey) lines.push(`g1,,${parentKey},program,"Program, imported",Ops,,`);
  else
    lines.push('o1,,,organization,Acme,,,', 'p1,o1,,portfolio,Cost 2027,,,', 'g1,p1,,program,Procurement,,,');
  lines.push('j1,g1,,project,Indirect spend,EMEA,,');
  let package_ = 0;
  while (lines.length - 1 < rows) {
    if ((lines.length - 1) % 11 === (parentKey ? 2 : 4) % 11 || package_ === 0) {
      package_++;
      lines.push(`k${package_},j1,,measurePackage,Package ${package_},EMEA,,`);
    } else {
      lines.push(`m${lines.length},k${package_},,measure,Measure ${lines.length},EMEA,savings,cost;emea`);
    }
  }
  return lines.slice(0, rows + 1).join('\r\n');
}

describe('tree import from CSV and XLSX', () => {
  let f: HierarchyFixture;

  const upload = (body: string | Buffer, type = 'text/csv'): Promise<TestResponse> =>
    f.t.request({
      method: 'POST',
      url: '/api/hierarchy/imports',
      headers: { ...f.auth, 'content-type': type },
      payload: body as string,
    });
  const count = async (table: string) =>
    Number((await f.pg.query(`select count(*) n from hierarchy.${table}`)).rows[0].n);

  beforeAll(async () => {
    f = await startHierarchyFixture();
  });
  afterAll(() => f?.close());

  it('writes nothing when one row of 1,000 is bad, and names that row and why', async () => {
    const lines = treeCsv(1000).split('\r\n');
    const bad = lines.findIndex((line, index) => index >= 700 && line.includes(',measure,'));
    lines[bad] = lines[bad].replace(/^(m\d+),k\d+,/, '$1,k999,');
    const before = {
      nodes: await count('node'),
      events: await count('outbox_event'),
      audits: await count('audit_record'),
    };
    const response = await upload(lines.join('\r\n'));
    expect(response.statusCode).toBe(422);
    const problem = response.json() as { code: string; errors: { field: string; message: string }[] };
    expect(problem.code).toBe('HIERARCHY.IMPORT_INVALID');
    expect(problem.errors).toEqual([
      { field: `rows[${bad + 1}].parentRef`, message: 'no row has ref "k999"' },
    ]);
    expect({
      nodes: await count('node'),
      events: await count('outbox_event'),
      audits: await count('audit_record'),
    }).toEqual(before);
  });

  it('lists every bad row at once', async () => {
    const csv = [
      HEADER,
      'o1,,,organization,Acme,,,',
      'p1,o1,,portfolio,,,,',
      'p1,o1,,portfolio,Dup,,,',
      'x1,nowhere,,portfolio,X,,,',
      'x2,o1,,galaxy,Y,,,',
    ].join('\n');
    const response = await upload(csv);
    expect(response.statusCode).toBe(422);
    expect((response.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
      ['rows[3].title', 'rows[4].ref', 'rows[5].parentRef', 'rows[6].level'].sort(),
    );
  });

  it('imports a 10,000-row file in one transaction, each node audited and published', async () => {
    const before = { nodes: await count('node'), events: await count('outbox_event') };
    const response = await upload(treeCsv(10_000));
    expect(response.statusCode).toBe(201);
    const result = response.json() as { imported: number; nodes: { ref: string; key: string; id: string }[] };
    expect(result.imported).toBe(10_000);
    expect(await count('node')).toBe(before.nodes + 10_000);
    expect(await count('outbox_event')).toBe(before.events + 10_000);
    const measure = result.nodes.find((n) => n.ref === 'm20') as { id: string; key: string };
    expect(measure.key).toMatch(/^M-\d{6}$/);
    const ancestors = await f.t.request({
      method: 'GET',
      url: `/api/hierarchy/nodes/${measure.id}/ancestors`,
      headers: f.auth,
    });
    expect(
      (ancestors.json() as { items: { title: string }[] }).items.map((n) => n.title).slice(0, 4),
    ).toEqual(['Acme', 'Cost 2027', 'Procurement', 'Indirect spend']);
    const node = await f.t.request({
      method: 'GET',
      url: `/api/hierarchy/nodes/${measure.id}`,
      headers: f.auth,
    });
    expect(node.json()).toMatchObject({
      level: 'measure',
      measureKind: 'savings',
      businessUnit: 'EMEA',
      tags: ['cost', 'emea'],
    });
  }, 120_000);

  it('imports an XLSX workbook under an existing node found by its key', async () => {
    const { rows } = await f.pg.query(`select id, key from hierarchy.node where level = 'portfolio' limit 1`);
    const portfolio = rows[0].key as string;
    // Importing under a node needs the right to edit it, granted as an administrator would.
    await f.identity.grant(f.userId, 'pmo-admin', rows[0].id as string);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tree');
    for (const line of treeCsv(25, portfolio).split('\r\n'))
      sheet.addRow(
        line
          .match(/("[^"]*"|[^,]*)(,|$)/g)
          ?.slice(0, 8)
          .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [],
      );
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await f.t.request({
      method: 'POST',
      url: '/api/hierarchy/imports',
      headers: {
        ...f.auth,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: buffer as unknown as string,
    });
    expect(response.statusCode).toBe(201);
    expect((response.json() as { imported: number }).imported).toBe(25);
    const program = await f.pg.query(`select title from hierarchy.node where title = 'Program, imported'`);
    expect(program.rowCount).toBe(1);
  });

  it('refuses a file of more rows than one import takes with 413, and writes nothing', async () => {
    const nodes = await count('node');
    const response = await upload(treeCsv(100_001));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'HIERARCHY.IMPORT_TOO_LARGE',
      detail: expect.stringContaining('more than 100,000 rows'),
    });
    expect(await count('node')).toBe(nodes);
  }, 60_000);

  it('refuses a caller who may place nodes nowhere before reading the file', async () => {
    const { rows } = await f.pg.query(`select id from hierarchy.node where level = 'portfolio' limit 1`);
    const viewer = await f.identity.user();
    await f.identity.grant(viewer, 'viewer', rows[0].id as string);
    const response = await f.t.request({
      method: 'POST',
      url: '/api/hierarchy/imports',
      headers: { ...(await f.authFor(viewer)), 'content-type': XLSX },
      payload: 'not a workbook: an editor would get 400 for it',
    });
    expect(response.statusCode).toBe(403);
    expect((response.json() as { code: string }).code).toBe('PLATFORM.FORBIDDEN');
  });

  it('refuses an unreadable file', async () => {
    const response = await upload(
      'not a workbook',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.statusCode).toBe(400);
    expect((response.json() as { code: string }).code).toBe('HIERARCHY.IMPORT_UNREADABLE');
  });
});
