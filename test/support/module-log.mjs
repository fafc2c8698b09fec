/**
 * `node --import <this file> ...` appends the URL of every module the ES
 * module loader resolves to the file named by TSGLANCE_MODULE_LOG, one a
 * line: what a program really loads, for the checks that the SDK loads no
 * CLI code (test/unit/sdk/module-graph.test.ts, test/e2e/package.test.ts).
 */
import { register } from 'node:module'

register('./module-log-hooks.mjs', import.meta.url)
