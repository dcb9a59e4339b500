import { defineConfig } from 'tsup';
import { examplePage } from '../page-build.js';

// The managers' dashboard, served by `npm start` at /examples/dashboard/.
export default defineConfig(examplePage());
