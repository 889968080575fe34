import { Body, Controller, Headers, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { z } from 'zod';
import { Operation, PlatformErrors } from '@steerco/platform-nest';
import { readRows } from './import-rows';
import { IMPORT_LIMITS } from './import-limits';
import { HierarchyAccess } from '../access/hierarchy-access';
import { ImportTreeUseCase } from './import-tree.usecase';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
import { assertMayImport } from '../access/node-permissions';

const MAX_ROWS = IMPORT_LIMITS.maxRows.toLocaleString('en');
const MAX_XLSX_MIB = IMPORT_LIMITS.maxXlsxExpandedBytes / 2 ** 20;

const importResultSchema = z.object({
  imported: z.number().int(),
  nodes: z.array(z.object({ row: z.number().int(), ref: z.string(), id: z.uuid(), key: z.string() })),
});

@UseInterceptors(DenialAuditInterceptor)
@Controller('api/hierarchy/imports')
export class ImportsController {
  constructor(
    private readonly importTree: ImportTreeUseCase,
    private readonly access: HierarchyAccess,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Import a tree from a CSV or XLSX file (the file is the request body), all rows or none',
    description:
      'Columns: ref (unique in the file), parentRef (another row) or parentKey (an existing node key such as PG-3), level, title, ' +
      'and optionally description, ownerId, deputyId, sponsorId, controllerId, businessUnit, function, legalEntity, region, costCentre, ' +
      'measureKind, customerRef, tags (separated by ";"). The whole file is validated before anything is written; a refusal lists every bad row. ' +
      `One import takes at most ${MAX_ROWS} rows; a larger tree is imported in several files, branch by branch.`,
    response: { status: 201, schema: importResultSchema },
    problems: {
      400: 'Unreadable file (HIERARCHY.IMPORT_UNREADABLE)',
      403: 'The caller may place nodes nowhere (judged before the file is read), or not under a parent the file names',
      422: 'Invalid rows, each named (HIERARCHY.IMPORT_INVALID)',
      413: `More than ${MAX_ROWS} rows, or an XLSX file that unzips to more than ${MAX_XLSX_MIB} MiB (HIERARCHY.IMPORT_TOO_LARGE)`,
    },
  })
  async import(@Headers('content-type') contentType: string | undefined, @Body() body: unknown) {
    if (!Buffer.isBuffer(body))
      throw PlatformErrors.UNSUPPORTED_MEDIA_TYPE('Send the file as text/csv or an XLSX workbook.');
    const access = await this.access.caller();
    assertMayImport(access);
    return this.importTree.execute(access, await readRows(contentType, body));
  }
}
