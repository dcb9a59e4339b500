import { defineConfig } from 'tsup';
import { examplePage } from '../page-build.js';

// The staff mobile inbox, served by `npm start` at /examples/staff-mobile/.
export default defineConfig(examplePage());
