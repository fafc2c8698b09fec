import { Flags } from '@oclif/core'
import { appendFlag, booleanFlag } from './python-compat.js'
import { pyRepr as pyReprJson, type JsonValue } from './render/pyformat.js'

/** Field values come from flags or parsed JSON, so they are JSON values. */
const pyRepr = (value: unknown): string => pyReprJson(value as JsonValue)
import { CommandFailure } from './command-failure.js'

/**
 * The image attribute flags glance derives from its built-in base image
 * schema (what `glance help image-create` shows when no schema is cached).
 * Values are converted as argparse would: integers, `[True|False]` booleans,
 * and `--tags` taking several words.
 */
const text = (description: string) => Flags.string({ description })
const integer = (description: string) => Flags.integer({ description })

/** image-create's, in glance's order (its base schema's). */
export const imageCreateFlags = {
  architecture: text('Operating system architecture as specified in https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'),
  protected: booleanFlag('If true, image will not be deletable.'),
  name: text('Descriptive name for the image'),
  'instance-uuid': text('Metadata which can be used to record which instance this image is associated with. (Informational only, does not create an instance snapshot.)'),
  'min-disk': integer('Amount of disk space (in GB) required to boot image.'),
  visibility: text('Scope of image accessibility Valid values: public, private, community, shared'),
  'kernel-id': text('ID of image stored in Glance that should be used as the kernel when booting an AMI-style image.'),
  tags: Flags.string({ description: 'List of strings related to the image', multiple: true }),
  'os-version': text('Operating system version as specified by the distributor'),
  'disk-format': text('Format of the disk Valid values: None, ami, ari, aki, vhd, vhdx, vmdk, raw, qcow2, vdi, iso, ploop'),
  'os-distro': text('Common name of operating system distribution as specified in https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'),
  id: text('An identifier for the image'),
  owner: text('Owner of the image'),
  'ramdisk-id': text('ID of image stored in Glance that should be used as the ramdisk when booting an AMI-style image.'),
  'min-ram': integer('Amount of ram (in MB) required to boot image.'),
  'container-format': text('Format of the container Valid values: None, ami, ari, aki, bare, ovf, ova, docker'),
  hidden: booleanFlag('If true, image will not appear in default image list response.'),
  property: appendFlag('Arbitrary property to associate with image. May be used multiple times.', { helpValue: '<key=value>' }),
}

/** image-update's: glance leaves out `--id` and `--tags`. */
const { id: _id, tags: _tags, ...updateFlags } = imageCreateFlags
export const imageUpdateFlags = updateFlags

/**
 * Turn parsed flags into Glance image fields (snake_case; `--hidden` is
 * `os_hidden`), with `--property key=value` pairs merged in.
 */
export function imageFieldsFromFlags(flags: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const name of Object.keys(imageCreateFlags)) {
    if (name === 'property') continue
    const value = flags[name]
    if (value === undefined) continue
    const key = name === 'hidden' ? 'os_hidden' : name.replaceAll('-', '_')
    fields[key] = value
  }
  for (const pair of (flags.property as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=')
    // glance crashes with a ValueError on a pair without '='; we say so plainly. An empty key
    // (`=v`) glance sends on, and Glance stores a property named '' (decisions/0010).
    if (eq <= 0) throw new CommandFailure(`Argument --property expected properties in the format KEY=VALUE, got ${pyRepr(pair)}`)
    fields[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return fields
}

/**
 * glance's `on_data_require_fields`, checked before anything is sent: image
 * data (named by `dataFlags`, e.g. `['--file']`, or else coming on stdin)
 * needs both formats. glance lists the missing ones in Python set order,
 * which varies between runs; we sort them (decisions/0001).
 */
export function requireFormatsWithData(fields: Record<string, unknown>, dataFlags: readonly string[], stdinData: boolean): void {
  if (dataFlags.length === 0 && !stdinData) return
  const missing = ['container_format', 'disk_format'].filter((f) => fields[f] === undefined)
  if (missing.length === 0) return
  const using = dataFlags.length > 0 ? [...dataFlags].sort().join(', ') : 'stdin'
  throw new CommandFailure(`error: Must provide ${missing.map((f) => `--${f.replace('_', '-')}`).join(', ')} when using ${using}.`)
}
