/**
 * JSON-patch building with glanceclient's rules (SchemaBasedModel.patch):
 * a base schema property absent from the image is `replace`d (Glance treats
 * base attributes as always present), any other new key is `add`ed, changed
 * keys are `replace`d, removed keys `remove`d, and tags always travel as one
 * whole-list `replace` when non-empty.
 */
export type PatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string }

/** The media type Glance requires on an image PATCH. */
export const PATCH_CONTENT_TYPE = 'application/openstack-images-v2.1-json-patch'

/** RFC 6901 escaping of one path segment. */
function pointer(key: string): string {
  return '/' + key.replaceAll('~', '~0').replaceAll('/', '~1')
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function buildImagePatch(
  image: object,
  update: { set?: Record<string, unknown>; remove?: string[] },
  isBaseProperty: (name: string) => boolean,
): PatchOperation[] {
  const current = image as Record<string, unknown>
  const set = update.set ?? {}
  const ops: PatchOperation[] = []
  for (const [key, value] of Object.entries(set)) {
    if (key === 'tags') continue
    if (!(key in current)) ops.push({ op: isBaseProperty(key) ? 'replace' : 'add', path: pointer(key), value })
    else if (!sameJson(current[key], value)) ops.push({ op: 'replace', path: pointer(key), value })
  }
  for (const key of update.remove ?? []) {
    if (key in current && !(key in set)) ops.push({ op: 'remove', path: pointer(key) })
  }
  const tags = (set.tags ?? current.tags) as unknown[] | undefined
  if (tags && tags.length > 0) ops.push({ op: 'replace', path: '/tags', value: tags })
  return ops
}
