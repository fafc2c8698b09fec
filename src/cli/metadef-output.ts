// How glance prints metadata definitions (render module loaded lazily).
import type { MetadefObject, Namespace } from '../sdk/metadefs/types.js'
import type { PrintListOptions } from './render/glance-tables.js'
import { type OutputView, printedDict, printedList } from './output-view.js'

/**
 * print_dict of one definition (property, tag, resource type association)
 * without its `self` link, which glanceclient drops from what it reads.
 * `maxColumnWidth` is used as given: 0 squeezes the value column to one
 * character per line, a negative width is PrettyTable's error.
 */
export async function formatDefinition(definition: object, maxColumnWidth?: number, record: object = definition): Promise<OutputView> {
  const shown = Object.fromEntries(Object.entries(definition).filter(([key]) => key !== 'self'))
  return printedDict(record, shown, maxColumnWidth)
}

/** print_list of definitions, one row each. */
export async function formatDefinitionList<T extends object>(definitions: readonly T[], columns: readonly string[], options?: PrintListOptions<T>): Promise<OutputView> {
  return printedList(definitions, columns, options)
}

const names = (items: readonly { name: string }[] | undefined) => items?.map((item) => item.name)

/**
 * _namespace_show: the namespace with its contents reduced to their names.
 * A width of 0 means the default there (glance tests the width's truth).
 */
export function formatNamespace(namespace: Namespace, maxColumnWidth?: number): Promise<OutputView> {
  const shown = {
    ...namespace,
    properties: namespace.properties && Object.keys(namespace.properties),
    resource_type_associations: names(namespace.resource_type_associations),
    objects: names(namespace.objects),
    tags: names(namespace.tags),
  }
  return formatDefinition(shown, maxColumnWidth || undefined, namespace)
}

/** _object_show: the object with its properties reduced to their names; a width of 0 means the default. */
export function formatObject(object: MetadefObject, maxColumnWidth?: number): Promise<OutputView> {
  return formatDefinition({ ...object, properties: object.properties && Object.keys(object.properties) }, maxColumnWidth || undefined, object)
}
