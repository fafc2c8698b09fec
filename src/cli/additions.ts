/**
 * tsglance's own options, which glance lacks. Help prints glance's text
 * unchanged and these apart, after it (docs/decisions/0018-help.md), so each
 * one is marked where it is defined: the whole flag, or only the aliases
 * glance does not know (`--os-interface` for glance's `--os-endpoint-type`).
 */
export interface AdditionMark {
  /** The whole flag is tsglance's. */
  tsglanceAddition?: true
  /** Only these aliases are tsglance's. */
  addedAliases?: readonly string[]
}

/** Marks `flag` (oclif's flag object, changed in place and returned so its type stays oclif's). */
export function addition<F extends object>(flag: F, only?: { aliases: readonly string[] }): F {
  const mark: AdditionMark = only ? { addedAliases: only.aliases } : { tsglanceAddition: true }
  return Object.assign(flag, mark)
}
