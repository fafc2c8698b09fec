/**
 * Which test file of test/commands covers which subcommands: one family per
 * file (`<family>.test.ts`). Each file checks it ran all of its family
 * (useHarness), and coverage.test.ts that the families hold every command
 * of src/cli/commands.ts exactly once.
 */
export const FAMILIES = {
  images: ['image-create', 'image-deactivate', 'image-delete', 'image-list', 'image-reactivate', 'image-show', 'image-update'],
  'image-data': ['image-download', 'image-upload'],
  import: ['image-create-via-import', 'image-import', 'image-stage'],
  'tags-locations': ['image-tag-delete', 'image-tag-update', 'location-add', 'location-delete', 'location-update'],
  members: ['member-create', 'member-delete', 'member-get', 'member-list', 'member-update'],
  tasks: ['image-tasks', 'task-create', 'task-list', 'task-show'],
  metadefs: [
    'md-namespace-create', 'md-namespace-delete', 'md-namespace-import', 'md-namespace-list', 'md-namespace-objects-delete',
    'md-namespace-properties-delete', 'md-namespace-resource-type-list', 'md-namespace-show', 'md-namespace-tags-delete',
    'md-namespace-update', 'md-object-create', 'md-object-delete', 'md-object-list', 'md-object-property-show', 'md-object-show',
    'md-object-update', 'md-property-create', 'md-property-delete', 'md-property-list', 'md-property-show', 'md-property-update',
    'md-resource-type-associate', 'md-resource-type-deassociate', 'md-resource-type-list', 'md-tag-create', 'md-tag-create-multiple',
    'md-tag-delete', 'md-tag-list', 'md-tag-show', 'md-tag-update',
  ],
  cache: ['cache-clear', 'cache-delete', 'cache-list', 'cache-queue'],
  'info-usage-stores': ['import-info', 'stores-delete', 'stores-info', 'usage'],
  'schemas-help': ['bash-completion', 'explain', 'help'],
} as const satisfies Record<string, readonly string[]>

export type Family = keyof typeof FAMILIES
