import express, { type Response, type Router } from 'express';
import { toCsv, toHtml, toJson, toMarkdown } from '../../shared/harvest/render.ts';
import type { Readout } from '../../shared/harvest/types.ts';
import { currentReadout } from '../../shared/harvest/upgrade.ts';
import { ErrorCode, refuse } from '../../shared/protocol/errors.ts';
import { toDocx } from '../exports/docx.ts';
import { parseReadoutId } from '../security/tokens.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import { readoutPath } from '../views/harvest.ts';

export const READOUT_FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', render: async (r: Readout) => toMarkdown(r) },
  html: { type: 'text/html; charset=utf-8', render: async (r: Readout) => toHtml(r) },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: (r: Readout) => toDocx(r) },
  json: { type: 'application/json; charset=utf-8', render: async (r: Readout) => toJson(r) },
  csv: { type: 'text/csv; charset=utf-8; header=present', render: async (r: Readout) => toCsv(r) },
} as const;
export type ReadoutFormat = keyof typeof READOUT_FORMATS;

/** A file name from the title: ASCII letters and digits only, so every browser and OS keeps it. */
export function downloadName(r: Readout, ext: string): string {
  const slug =
    r.title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'readout';
  return `${slug}-readout-v${r.version}-${r.published}.${ext}`;
}

/**
 * Published readouts: the public page `/r/<id>` and the exports `/api/readouts/<id>.<format>`.
 * Republishing makes a new version with a new link; the older links then answer 410 Gone and
 * point to the latest, because a version may have been withdrawn for a redaction it lacked.
 */
export function readoutRouter({ registry }: { registry: SessionRegistry }): Router {
  const router = express.Router();

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
      res
        .status(410)
        .json({ ...refuse(ErrorCode.notFound, `This is version ${found.version}; it was replaced by version ${latest.version}.`), latest: readoutPath(latest.readoutId) });
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
      const readout = await find(res, String(req.params.readoutId));
      if (!readout) return;
      common(res);
      res.type('html').send(toHtml(readout));
    } catch (error) {
      next(error);
    }
  });

  router.get('/api/readouts/:file', async (req, res, next) => {
    try {
      const m = /^(.+)\.(md|html|docx|json|csv)$/.exec(String(req.params.file));
      if (!m) return void res.status(404).json(refuse(ErrorCode.notFound, 'Ask for a readout as .md, .html, .docx, .json or .csv.'));
      const readout = await find(res, m[1]!);
      if (!readout) return;
      const format = m[2] as ReadoutFormat;
      const body = await READOUT_FORMATS[format].render(readout);
      common(res);
      res.setHeader('Content-Type', READOUT_FORMATS[format].type);
      res.setHeader('Content-Disposition', `attachment; filename="${downloadName(readout, format)}"`);
      res.send(body);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
