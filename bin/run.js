#!/usr/bin/env node
// tsglance entry point. `--version` is answered before oclif loads (glance
// prints only the version number), and glance's argv shape
// (`tsglance [global options] <command> [options]`) is normalised for oclif.
import { readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'

// undici parses HTTP with llhttp compiled to WebAssembly; V8's optimising
// tier-up of that module costs ~35 MiB of transient memory at the first
// request, more than all our code. The baseline compiler parses just as fast
// for our traffic (bench/transfer.sh), so stay on it.
setFlagsFromString('--liftoff-only')

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === '--version') {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${pkg.version}\n`)
} else {
  const [{ execute }, { normaliseArgv }, { valueTakingGlobalFlags }] = await Promise.all([
    import('@oclif/core'),
    import('../dist/cli/argv.js'),
    import('../dist/cli/global-flags.js'),
  ])
  await execute({ args: normaliseArgv(argv, valueTakingGlobalFlags()), dir: import.meta.url })
}
