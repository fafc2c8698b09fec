/**
 * The CLI as one CommonJS file, dist/cli.cjs, from tsc's output (so the
 * bundle runs exactly the type-checked code): src/cli/main.ts with every
 * command, oclif and undici. bin/run.js loads it through
 * src/cli/bundle-loader.ts, with V8's code cache; why: docs/decisions/
 * 0017-cli-bundle-and-code-cache.md. The SDK is not bundled: `import 'tsglance'`
 * gets tsc's dist/sdk/ as before.
 */
/**
 * oclif import()s the ES modules of its plugins (help, autocomplete). Node 20
 * cannot run an import() in code V8 compiled from a code cache (the dynamic
 * import callback is lost, with or without vm's default-loader constant), so
 * oclif's import() calls go through a function the loader passes in
 * (IMPORT_PARAMETER in src/cli/bundle-loader.ts).
 */
const importThroughLoader = {
  name: 'import-through-loader',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]@oclif[\\/]core[\\/]/.test(id) || !code.includes('await import(')) return null
    return { code: code.replaceAll('await import(', 'await __tsglance_import__(') }
  },
}

export default {
  input: 'dist/cli/main.js',
  platform: 'node',
  // oclif's loaders for TypeScript sources, used only when a CLI runs from
  // its .ts files in development; never by the built CLI.
  external: [/^typescript$/, /^ts-node(\/|$)/, /^tsx(\/|$)/],
  plugins: [importThroughLoader],
  output: { file: 'dist/cli.cjs', format: 'cjs', codeSplitting: false },
}
