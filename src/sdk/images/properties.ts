import type { ImageCore } from './types.js'

/** Every key of ImageCore; the `satisfies` makes a field added there without being added here a compile error. */
const CORE_FIELDS = {
  id: true,
  name: true,
  status: true,
  visibility: true,
  protected: true,
  os_hidden: true,
  owner: true,
  checksum: true,
  os_hash_algo: true,
  os_hash_value: true,
  size: true,
  virtual_size: true,
  min_disk: true,
  min_ram: true,
  disk_format: true,
  container_format: true,
  created_at: true,
  updated_at: true,
  tags: true,
  self: true,
  file: true,
  schema: true,
  direct_url: true,
  locations: true,
  stores: true,
  os_glance_import_task: true,
  os_glance_importing_to_stores: true,
  os_glance_failed_import: true,
} as const satisfies Record<keyof ImageCore, true>

/** The image's custom properties: every field that is not one of ImageCore's. */
export function customProperties(image: ImageCore): Record<string, unknown> {
  return Object.fromEntries(Object.entries(image).filter(([key]) => !Object.hasOwn(CORE_FIELDS, key)))
}
