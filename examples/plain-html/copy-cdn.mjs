// Copies the widgets' CDN build (the loader, /auto with Lit and core inside, its lazy chunks and the
// themes) next to the page, as a site without a bundler would host them.
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const widgets = dirname(createRequire(import.meta.url).resolve('@complaintkit/widgets/package.json'));
rmSync('public/cdn', { recursive: true, force: true });
cpSync(join(widgets, 'dist/cdn'), 'public/cdn', { recursive: true, filter: (f) => !f.endsWith('.map') });
cpSync(join(widgets, 'themes'), 'public/cdn/themes', { recursive: true });
