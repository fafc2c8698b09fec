#!/usr/bin/env node
// Sums up a TSGLANCE_E2E_TIMES file (test/e2e/support/run.ts): per test file
// and program, how many runs and how many seconds of wall and CPU time they
// took, and which identical runs a file repeats most (issue 16).
// Usage: node scripts/e2e-times.mjs <times-file> [--repeats]
import { readFileSync } from 'node:fs'

const [file, flag] = process.argv.slice(2)
if (!file) {
  console.error('usage: node scripts/e2e-times.mjs <times-file> [--repeats]')
  process.exit(2)
}
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [test, program, wall, user, sys, ...args] = line.split('\t')
    return { test, program, wall: Number(wall) || 0, cpu: (Number(user) || 0) + (Number(sys) || 0), args: args.join('\t') }
  })

const groups = new Map()
for (const row of rows) {
  for (const key of [`${row.test}\t${row.program}`, `${row.test}\t(all)`, `(all)\t${row.program}`]) {
    const group = groups.get(key) ?? { runs: 0, wall: 0, cpu: 0 }
    group.runs++
    group.wall += row.wall
    group.cpu += row.cpu
    groups.set(key, group)
  }
}
console.log(['file', 'program', 'runs', 'wall s', 'cpu s'].join('\t'))
for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) console.log(`${key}\t${g.runs}\t${g.wall.toFixed(1)}\t${g.cpu.toFixed(1)}`)

if (flag === '--repeats') {
  const seen = new Map()
  for (const row of rows) {
    const key = `${row.test}\t${row.program} ${row.args}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  console.log('\nrepeated runs (same file, program and argv):')
  for (const [key, n] of [...seen].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${n}\t${key}`)
}
