import type { Logger } from 'pino';
import express, { type Response, type Router } from 'express';
import { DownloadKind, toCsv, toHtml, toJson, toMarkdown } from '../../shared/harvest/render.ts';
import type { Readout } from '../../shared/harvest/types.ts';
import { currentReadout } from '../../shared/harvest/upgrade.ts';
import { ErrorCode, refuse } from '../../shared/protocol/errors.ts';
import { toDocx } from '../exports/docx.ts';
import { PdfFontsMissing } from '../exports/pdf/fonts.ts';
import { Paper, toPdf } from '../exports/pdf/pdf.ts';
import { parseReadoutId } from '../security/tokens.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import { readoutPath } from '../views/harvest.ts';

export const READOUT_FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', render: async (r: Readout) => toMarkdown(r) },
  html: { type: 'text/html; charset=utf-8', render: async (r: Readout) => toHtml(r) },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: (r: Readout) => toDocx(r) },
  pdf: { type: 'application/pdf', render: (r: Readout, paper: Paper) => toPdf(r, { paper }) },
  json: { type: 'application/json; charset=utf-8', render: async (r: Readout) => toJson(r) },
  csv: { type: 'text/csv; charset=utf-8; header=present', render: async (r: Readout) => toCsv(r) },
} as const;
export type ReadoutFormat = keyof typeof READOUT_FORMATS;
const FILE = new RegExp(`^(.+)\\.(${Object.keys(READOUT_FORMATS).join('|')})$`);

export const exportPath = (readoutId: string, format: ReadoutFormat, paper?: Paper) =>
  `/api/readouts/${readoutId}.${format}${paper === Paper.letter ? '?paper=letter' : ''}`;

/** Every format the public page links to, in its order. */
function downloads(readoutId: string): { kind: DownloadKind; href: string }[] {
  const href: Record<DownloadKind, string> = {
    'pdf-a4': exportPath(readoutId, 'pdf'),
    'pdf-letter': exportPath(readoutId, 'pdf', Paper.letter),
    docx: exportPath(readoutId, 'docx'),
    md: exportPath(readoutId, 'md'),
    html: exportPath(readoutId, 'html'),
    json: exportPath(readoutId, 'json'),
    csv: exportPath(readoutId, 'csv'),
  };
  return Object.values(DownloadKind).map((kind) => ({ kind, href: href[kind] }));
}

/** A file name from the title: ASCII letters and digits only, so every browser and OS keeps it. */
export function downloadName(r: Readout, ext: string, paper?: Paper): string {
  const slug =
    r.title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'readout';
  return `${slug}-readout-v${r.version}-${r.published}${paper === Paper.letter ? '-letter' : ''}.${ext}`;
}

/**
 * Published readouts: the public page `/r/<id>`, which links every format, and the exports
 * `/api/readouts/<id>.<format>` (PDF in A4, or US Letter with `?paper=letter`). Republishing
 * makes a new version with a new link; the older links then answer 410 Gone and point to the
 * latest, because a version may have been withdrawn for a redaction it lacked.
 */
export function readoutRouter({ registry }: { registry: SessionRegistry }): Router {
  const router = express.Router();
  const rendered = renderedExports();

  async function find(res: Response, readoutId: string): Promise<Readout | null> {
    const parsed = parseReadoutId(readoutId);
    const runtime = parsed ? await registry.get(parsed.sessionId) : null;
    if (runtime) await runtime.sync();
    const readouts = runtime?.state.harvest.readouts ?? [];
    const found = readouts.find((r) => r.readoutId === readoutId);
    if (!found) {
      res.status(404).json(refuse(ErrorCode.notFound, 'No readout at this link.'));
      return null;
    }
    const latest = readouts.at(-1)!;
    if (latest.readoutId !== found.readoutId) {
      res.status(410).json({
        ...refuse(ErrorCode.notFound, `This is version ${found.version}; it was replaced by version ${latest.version}.`),
        latest: readoutPath(latest.readoutId),
      });
      return null;
    }
    // Readouts published before the report's shape are shown in it.
    return currentReadout(found.readout);
  }

  const common = (res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Referrer-Policy', 'no-referrer');
  };

  router.get('/r/:readoutId', async (req, res, next) => {
    try {
      const readoutId = String(req.params.readoutId);
      const readout = await find(res, readoutId);
      if (!readout) return;
      common(res);
      res.type('html').send(toHtml(readout, { downloads: downloads(readoutId) }));
    } catch (error) {
      next(error);
    }
  });

  router.get('/api/readouts/:file', async (req, res, next) => {
    try {
      const m = FILE.exec(String(req.params.file));
      if (!m)
        return void res.status(404).json(
          refuse(
            ErrorCode.notFound,
            `Ask for a readout as ${Object.keys(READOUT_FORMATS)
              .map((f) => `.${f}`)
              .join(', ')}.`,
          ),
        );
      const format = m[2] as ReadoutFormat;
      const paperParam = req.query.paper;
      if (paperParam !== undefined && (format !== 'pdf' || (paperParam !== Paper.a4 && paperParam !== Paper.letter))) {
        return void res.status(400).json(refuse(ErrorCode.invalid, 'paper is a4 or letter, and only for .pdf.'));
      }
      const paper = paperParam === Paper.letter ? Paper.letter : Paper.a4;
      const readout = await find(res, m[1]!);
      if (!readout) return;
      let body: string | Buffer;
      try {
        body = await rendered(`${m[1]}.${format}.${paper}`, () => READOUT_FORMATS[format].render(readout, paper));
      } catch (error) {
        if (!(error instanceof PdfFontsMissing)) throw error;
        (res.locals.logger as Logger | undefined)?.error({ err: error }, 'PDF fonts missing');
        return void res.status(503).json(refuse(ErrorCode.unavailable, 'PDF is not available on this server; the other formats are.'));
      }
      common(res);
      res.setHeader('Content-Type', READOUT_FORMATS[format].type);
      res.setHeader('Content-Disposition', `attachment; filename="${downloadName(readout, format, format === 'pdf' ? paper : undefined)}"`);
      res.send(body);
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/**
 * A published version never changes, so each export is made once: when a readout is announced
 * on every phone, a burst of downloads costs one PDF (a few hundred milliseconds of the event
 * loop), not one each. Requests that arrive while it is being made wait for the same one. The
 * oldest go first beyond a few dozen.
 */
function renderedExports(limit = 48) {
  const made = new Map<string, Promise<string | Buffer>>();
  return (key: string, make: () => Promise<string | Buffer>): Promise<string | Buffer> => {
    let hit = made.get(key);
    if (!hit) {
      hit = make();
      made.set(key, hit);
      // A failure is not kept: the next request tries again.
      hit.catch(() => made.delete(key));
      while (made.size > limit) made.delete(made.keys().next().value!);
    }
    return hit;
  };
}
