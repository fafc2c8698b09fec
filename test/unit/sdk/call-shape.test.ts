/**
 * One call shape (decision 0021): no public method of a class the SDK
 * exports takes an AbortSignal as a parameter of its own; the signal travels
 * in the options object every method takes last. Read from the types, with
 * the compiler, so a new method cannot slip back to `(id, signal)`.
 */
import { resolve } from 'node:path'
import ts from 'typescript'
import { expect, it } from 'vitest'

const ENTRY = resolve(import.meta.dirname, '../../../src/sdk/index.ts')

it('no exported class has a public method with a positional AbortSignal parameter', () => {
  const program = ts.createProgram([ENTRY], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true })
  const checker = program.getTypeChecker()
  const entry = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!
  const offenders: string[] = []
  let methods = 0
  for (const exported of checker.getExportsOfModule(entry)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue
    const instance = checker.getDeclaredTypeOfSymbol(symbol)
    for (const member of checker.getPropertiesOfType(instance)) {
      const declaration = member.valueDeclaration
      if (!declaration || !ts.isMethodDeclaration(declaration)) continue
      if (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue
      methods++
      for (const parameter of declaration.parameters) {
        const type = checker.typeToString(checker.getTypeAtLocation(parameter))
        if (/\bAbortSignal\b/.test(type)) offenders.push(`${symbol.name}.${member.name}(${parameter.name.getText()}: ${type})`)
      }
    }
  }
  // The scan must have seen the API (images, members, metadefs, ...), not nothing.
  expect(methods).toBeGreaterThan(60)
  expect(offenders).toEqual([])
}, 30_000) // a whole TypeScript program: ~5 s on a loaded 2-core machine, past the 5 s default
