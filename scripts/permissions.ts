/** Writes docs/permissions.md from the command table: `npm run permissions`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionsMarkdown } from '../shared/commands/matrix.ts';

const file = join(import.meta.dirname, '..', 'docs', 'permissions.md');
writeFileSync(file, permissionsMarkdown());
console.log(`wrote ${file}`);
