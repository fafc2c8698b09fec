import type { Session } from '../session.js'
import type { DefinitionEdit } from './types.js'

type JsonRequest = Parameters<Session['request']>[0]

/** One metadefs request whose answer is a JSON body. */
export async function requestJson<T>(session: Session, req: JsonRequest): Promise<T> {
  const res = await session.request(req)
  return res.json<T>()
}

/** One metadefs DELETE (Glance answers 204, no body). */
export async function deleteAt(session: Session, path: string, signal?: AbortSignal): Promise<void> {
  const res = await session.request({ method: 'DELETE', path, expect: [204], signal })
  await res.dump()
}

/** Attributes Glance sets itself; an update never sends them, so an edit cannot change them. */
const GLANCE_MANAGED_KEYS = new Set(['schema', 'created_at', 'updated_at'])

/**
 * Glance's metadefs update is a full replacement: read the definition, apply
 * the edit, PUT the result back, then read it again under its (possibly
 * new) name. As in glanceclient, the edit sees the definition without its
 * `self` link, and what it returns is sent without the attributes Glance
 * manages (a `self` the edit puts back is sent, and Glance refuses it). The
 * PUT's own answer is not used: its `updated_at` can still be the old one,
 * while the second read shows what Glance now holds.
 */
export async function replaceDefinition<T extends object>(
  session: Session,
  opts: {
    current: T
    edit: DefinitionEdit<T>
    path: string
    /** Read the definition back by the name it has after the edit. */
    readBack: (edited: T) => Promise<T>
    signal?: AbortSignal
  },
): Promise<T> {
  const { edit } = opts
  const current = Object.fromEntries(Object.entries(opts.current).filter(([key]) => key !== 'self')) as T
  const edited = typeof edit === 'function' ? await edit(current) : { ...current, ...edit }
  const body = Object.fromEntries(Object.entries(edited).filter(([key]) => !GLANCE_MANAGED_KEYS.has(key)))
  const res = await session.request({ method: 'PUT', path: opts.path, json: body, expect: [200], signal: opts.signal })
  await res.dump()
  return opts.readBack(edited)
}
