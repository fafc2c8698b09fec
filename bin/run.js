#!/usr/bin/env node
// tsglance entry point. `--version` is answered before anything else loads
// (glance prints only the version number); every other command line runs in
// the CLI bundle (src/cli/bundle-loader.ts).
//
// glance's top-level parser reads its options out of the whole command line
// and acts on `--version` wherever it stands (`glance --os-username u
// --version`, `glance image-list --version`), except after `--`. So do we.
import { readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'

// undici parses HTTP with llhttp compiled to WebAssembly; V8's optimising
// tier-up of that module costs ~35 MiB of transient memory at the first
// request, more than all our code. The baseline compiler parses just as fast
// for our traffic (bench/transfer.sh), so stay on it. Set before the bundle
// is compiled: V8's code cache is valid only for the flags it was made with.
setFlagsFromString('--liftoff-only')

const argv = process.argv.slice(2)
const endOfOptions = argv.indexOf('--')
if (argv.slice(0, endOfOptions === -1 ? argv.length : endOfOptions).includes('--version')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${pkg.version}\n`)
} else {
  const { runBundledCli } = await import('../dist/cli/bundle-loader.js')
  await runBundledCli(argv)
}
