import { Flags } from '@oclif/core'
import { GlanceCommand } from '../cli/base-command.js'
import { printedList } from '../cli/output-view.js'
import { appendFlag, booleanFlag } from '../cli/python-compat.js'
import { IMAGE_SORT_KEYS, type ImageListOptions, type ImageSortKey, type SortDirection } from '../sdk/images/types.js'

export default class ImageList extends GlanceCommand {
  static override summary = 'List images you can access.'
  /** `--hidden` and `--include-stores` may appear without a value (argparse nargs='?', const True). */
  static override optionalValueFlags = ['hidden', 'include-stores']
  static override flags = {
    limit: Flags.integer({ description: 'Maximum number of images to get.' }),
    'page-size': Flags.integer({ description: 'Number of images to request in each paginated request.', helpValue: '<SIZE>' }),
    visibility: Flags.string({ description: 'The visibility of the images to display.' }),
    'member-status': Flags.string({ description: 'The status of images to display.' }),
    owner: Flags.string({ description: 'Display images owned by <OWNER>.' }),
    'property-filter': appendFlag('Filter images by a user-defined image property.', { helpValue: '<KEY=VALUE>' }),
    checksum: Flags.string({ description: 'Displays images that match the MD5 checksum.' }),
    hash: Flags.string({ description: 'Displays images that match the specified hash value.', helpValue: '<HASH_VALUE>' }),
    tag: appendFlag('Filter images by a user-defined tag.'),
    'sort-key': appendFlag('Sort image list by specified fields. May be used multiple times.', { options: [...IMAGE_SORT_KEYS] }),
    'sort-dir': appendFlag('Sort image list in specified directions.', { options: ['asc', 'desc'] }),
    sort: Flags.string({
      description: `Comma-separated list of sort keys and directions in the form of <key>[:<asc|desc>]. Valid keys: ${IMAGE_SORT_KEYS.join(', ')}. OPTIONAL.`,
      helpValue: '<key>[:<direction>]',
    }),
    hidden: booleanFlag('Filters results by hidden status. Default=None.'),
    'include-stores': booleanFlag('Print backend store id.'),
  }

  async run(): Promise<void> {
    const { flags } = await this.parseArgs(ImageList)
    const properties: Record<string, string> = {}
    for (const pair of flags['property-filter'] ?? []) {
      const eq = pair.indexOf('=')
      if (eq < 0) this.fail('Argument --property-filter expected properties in the format KEY=VALUE')
      properties[pair.slice(0, eq)] = pair.slice(eq + 1)
    }
    const sortKey = (flags['sort-key'] ?? []) as ImageSortKey[]
    const sortDir = (flags['sort-dir'] ?? []) as SortDirection[]
    const useDefaultSort = flags.sort === undefined && sortKey.length === 0 && sortDir.length === 0
    const options: ImageListOptions = {
      limit: flags.limit,
      pageSize: flags['page-size'],
      // As glance: any value goes to the server, which answers a bad one with 400.
      visibility: flags.visibility as ImageListOptions['visibility'],
      memberStatus: flags['member-status'] as ImageListOptions['memberStatus'],
      owner: flags.owner,
      checksum: flags.checksum,
      osHashValue: flags.hash,
      osHidden: flags.hidden,
      tags: flags.tag,
      properties,
      sort: flags.sort,
      sortKey: useDefaultSort ? ['name'] : sortKey,
      sortDir: useDefaultSort ? ['asc'] : sortDir,
    }
    const columns = ['ID', 'Name']
    if (this.globals.verbose) columns.push('Disk_format', 'Container_format', 'Size', 'Status', 'Owner')
    if (flags['include-stores']) columns.push('Stores')

    const glance = await this.client()
    const images = await glance.images.list(options).toArray()
    await this.print(printedList(images, columns))
  }
}
