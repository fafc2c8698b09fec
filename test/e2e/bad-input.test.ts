/**
 * The bad-input suite (issue 7): over 200 tsglance command lines that glance
 * users get wrong, run against the real stack. Every row must end the way
 * glance ends it: exit 2 for a usage error, 1 otherwise (0 only where glance
 * itself reports the failure and exits 0, marked as such), one clear message
 * on stderr (the row's fragment is asserted on the last line that is not the
 * `See 'tsglance help ...'` pointer), no stack trace or leaked JavaScript
 * value, nothing on stdout, and nothing changed on the server.
 *
 * "Nothing changed" is checked per group and for the whole table on the
 * server state of a scratch Keystone project the cases run in (its images of
 * every visibility, hidden or not; its tasks; its metadef namespaces; a
 * fixture image's members, tags and record; a fixture namespace's content).
 * The stack is shared with suites running at the same time, so global counts
 * would move under us; nothing else ever touches the scratch project.
 *
 * Row placeholders (`@IMG`, `@NS`, ...) stand for the fixtures, made in
 * beforeAll; see `placeholders`. Names that are *valid* but hostile (shell
 * metacharacters, newlines, RTL, emoji) are not bad input: they are in their
 * own group at the end, which checks they round-trip exactly.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient } from '../../src/sdk/index.js'
import { imageIdOf } from './support/parity.js'
import { tsglance, type RunResult } from './support/run.js'
import { createScratchProject, type ScratchProject } from './support/scratch-project.js'
import { authFromEnv, glanceUrl, openrc, requireStack, stackIdentity } from './support/stack.js'

requireStack()

/** One bad command line and how it must fail. */
interface BadCase {
  args: string[]
  /** 2: usage error (argparse's), 1: any other failure, 0: glance too reports the failure and exits 0. */
  code: 0 | 1 | 2
  /** A distinctive part of the problem line (the last stderr line besides the help pointer). */
  err: string | RegExp
  /** Changes to the scratch user's OS_* variables; `null` unsets one. */
  env?: Record<string, string | null>
  /** Start from no OS_* variables at all. */
  bareEnv?: boolean
  /** A file to connect to stdin (otherwise stdin is closed). */
  stdin?: string
}

type Options = Pick<BadCase, 'env' | 'bareEnv' | 'stdin'>
const usage = (args: string[], err: string | RegExp, opts: Options = {}): BadCase => ({ args, code: 2, err, ...opts })
const fails = (args: string[], err: string | RegExp, opts: Options = {}): BadCase => ({ args, code: 1, err, ...opts })
/** glance prints the error and exits 0 (cache-delete/cache-queue per id); parity.cache pins the 0. */
const reportsOnly = (args: string[], err: string | RegExp): BadCase => ({ args, code: 0, err })

const Z = '@Z' // a well-formed id nothing has
const NONS = 'tsglance-no-such-namespace'
const LONG_NAME = 'n'.repeat(130_000) // just under Linux's 128 KiB limit for one argv string (see decisions/0010)
const LONG_TAG = 't'.repeat(300)
const HUGE = '99999999999999999999'
const IMPORT_FORMATS = ['--disk-format', 'raw', '--container-format', 'bare']

const GROUPS: Record<string, BadCase[]> = {
  'unknown image ids': [
    fails(['image-show', Z], `HTTP 404 Not Found: No image found with ID ${Z}`),
    fails(['image-show', 'nope'], 'No image found with ID nope'),
    fails(['image-show', 'a#b'], 'No image found with ID a#b'),
    fails(['image-show', '../schemas/image'], 'HTTP 404 Not Found'),
    fails(['image-show', ''], 'HTTP 404 Not Found'),
    fails(['image-update', Z, '--name', 'x'], `No image found with ID ${Z}`),
    fails(['image-update', 'nope', '--remove-property', 'x'], 'No image found with ID nope'),
    fails(['image-delete', Z], `No image with an ID of '${Z}' exists.`),
    fails(['image-delete', Z, 'nope'], "No image with an ID of 'nope' exists."),
    fails(['image-delete', 'a?b'], "No image with an ID of 'a?b' exists."),
    fails(['image-download', Z, '--file', '@DIR/out.img'], `Unable to download image '${Z}'. (HTTP 404 Not Found`),
    fails(['image-download', Z], `Unable to download image '${Z}'.`),
    fails(['image-upload', Z, '--file', '@DATA'], `No image found with ID ${Z}`),
    fails(['image-stage', Z, '--file', '@DATA'], `No image found with ID ${Z}`),
    fails(['image-import', Z], `No image found with ID ${Z}`),
    fails(['image-import', Z, '--import-method', 'web-download', '--uri', 'http://127.0.0.1:1/x'], `No image found with ID ${Z}`),
    fails(['image-deactivate', Z], `No image found with ID ${Z}`),
    fails(['image-reactivate', Z], `No image found with ID ${Z}`),
    fails(['image-tasks', Z], `Image ${Z} not found.`),
    fails(['image-tag-update', Z, 'tag'], `Image ${Z} not found.`),
    fails(['image-tag-delete', Z, 'tag'], `Image ${Z} not found.`),
    fails(['location-add', Z, '--url', 'http://127.0.0.1:1/x'], `No image found with ID ${Z}`),
    fails(['location-delete', '--url', 'http://127.0.0.1:1/x', Z], `No image found with ID ${Z}`),
    fails(['location-update', '--url', 'http://127.0.0.1:1/x', '--metadata', '{"a": 1}', Z], `No image found with ID ${Z}`),
    fails(['stores-delete', Z, '--store', 'fast'], 'Multi Backend support is not enabled or Image/store not found.'),
    reportsOnly(['cache-delete', Z], `Unable to delete image '${Z}' from cache.`),
    reportsOnly(['cache-queue', Z], `Unable to queue image '${Z}' for caching.`),
    fails(['explain', 'bogus'], "Unable to find requested model 'bogus'"),
  ],

  'unknown members and tasks': [
    fails(['member-list', '--image-id', Z], `Image ${Z} not found.`),
    fails(['member-create', Z, '@ALT'], `Image ${Z} not found.`),
    fails(['member-delete', Z, '@ALT'], `Image ${Z} not found.`),
    fails(['member-get', Z, '@ALT'], `Image ${Z} not found.`),
    fails(['member-update', Z, '@ALT', 'accepted'], `Image ${Z} not found.`),
    fails(['member-get', '@IMG', Z], `${Z} not found in the member list of the image @IMG.`),
    fails(['member-delete', '@IMG', Z], `${Z} not found in the member list of the image @IMG.`),
    fails(['member-update', '@IMG', Z, 'accepted'], `${Z} not found in the member list of the image @IMG.`),
    fails(['member-get', '@IMG', '../..'], 'HTTP 404 Not Found'),
    fails(['task-show', Z], `Could not find task ${Z}`),
    fails(['task-show', 'nope'], 'Could not find task nope'),
    fails(['task-show', '..'], 'HTTP 404 Not Found'),
  ],

  'unknown namespaces, objects, properties, tags': [
    fails(['md-namespace-show', NONS], `Metadata definition namespace=${NONS} was not found.`),
    fails(['md-namespace-show', '../namespaces'], 'HTTP 404 Not Found'),
    fails(['md-namespace-update', NONS, '--description', 'x'], `namespace=${NONS} was not found.`),
    fails(['md-namespace-delete', NONS], `Namespace ${NONS} not found`),
    fails(['md-namespace-resource-type-list', NONS], `Namespace ${NONS} not found`),
    fails(['md-resource-type-associate', NONS, '--name', 'OS::Glance::Image'], `Namespace ${NONS} not found`),
    fails(['md-resource-type-deassociate', NONS, 'OS::Glance::Image'], `Namespace ${NONS} not found`),
    fails(['md-resource-type-deassociate', '@NS', 'OS::No::Such'], 'Failed to find resource type OS::No::Such to delete'),
    fails(['md-namespace-objects-delete', NONS], `Namespace ${NONS} not found`),
    fails(['md-namespace-properties-delete', NONS], `Namespace ${NONS} not found`),
    fails(['md-namespace-tags-delete', NONS], `Namespace ${NONS} not found`),
    fails(['md-object-show', '@NS', 'nope'], 'Could not find metadata object nope'),
    fails(['md-object-show', NONS, 'obj'], `namespace=${NONS} was not found.`),
    fails(['md-object-update', '@NS', 'nope', '--name', 'x'], 'Could not find metadata object nope'),
    fails(['md-object-delete', '@NS', 'nope'], 'Could not find metadata object nope'),
    fails(['md-object-property-show', '@NS', 'nope', 'prop'], 'Could not find metadata object nope'),
    fails(['md-object-property-show', '@NS', 'obj', 'nope'], 'Property nope not found in object obj.'),
    fails(['md-object-list', NONS], `namespace=${NONS} was not found.`),
    fails(['md-object-create', NONS, '--name', 'o', '--schema', '{}'], `Metadata definition namespace=${NONS} was not found.`),
    fails(['md-property-show', '@NS', 'nope'], 'Could not find property nope'),
    fails(['md-property-show', NONS, 'prop'], `Namespace ${NONS} not found`),
    fails(['md-property-update', '@NS', 'nope', '--title', 'x'], 'Could not find property nope'),
    fails(['md-property-delete', '@NS', 'nope'], 'Could not find property nope'),
    fails(['md-property-list', NONS], `Namespace ${NONS} not found`),
    fails(['md-property-create', NONS, '--name', 'p', '--title', 't', '--schema', '{"type": "string"}'], `Namespace ${NONS} not found`),
    fails(['md-tag-show', '@NS', 'nope'], 'Could not find metadata tag nope'),
    fails(['md-tag-show', NONS, 'tag'], `Namespace ${NONS} not found`),
    fails(['md-tag-update', '@NS', 'nope', '--name', 'x'], 'Could not find metadata tag nope'),
    fails(['md-tag-delete', '@NS', 'nope'], 'Could not find metadata tag nope'),
    fails(['md-tag-list', NONS], `Namespace ${NONS} not found`),
    fails(['md-tag-create', NONS, '--name', 'x'], `Namespace ${NONS} not found`),
    fails(['md-tag-create-multiple', NONS, '--names', 'a,b'], `Namespace ${NONS} not found`),
  ],

  'unknown stores and locations': [
    fails(['stores-delete', '@IMG', '--store', 'bogus'], 'The selected store bogus is not available on this node.'),
    fails(['image-upload', '@IMG', '--store', 'bogus', '--file', '@DATA'], "Store 'bogus' is not valid for this cloud."),
    fails(['image-import', '@IMG', '--stores', 'bogus'], "Store 'bogus' is not valid for this cloud."),
    fails(['image-import', '@IMG', '--store', 'bogus'], "Store 'bogus' is not valid for this cloud."),
    fails(['image-import', '@IMG', '--import-method', 'copy-image', '--stores', 'bogus'], "Store 'bogus' is not valid for this cloud."),
    fails(['image-create-via-import', '--name', '@PFX', '--stores', 'bogus'], "Store 'bogus' is not valid for this cloud."),
    fails(['image-create-via-import', '--name', '@PFX', '--store', 'bogus', '--file', '@DATA', ...IMPORT_FORMATS], "Store 'bogus' is not valid for this cloud."),
    fails(['image-create', '--name', '@PFX', '--store', 'bogus', '--file', '@DATA', ...IMPORT_FORMATS], "Store 'bogus' is not valid for this cloud."),
    fails(['location-delete', '--url', 'http://127.0.0.1:1/nope', '@IMG'], "Unknown URL(s): ['http://127.0.0.1:1/nope']"),
    fails(['location-update', '--url', 'http://127.0.0.1:1/nope', '--metadata', '{"a": 1}', '@IMG'], 'Unknown URL: http://127.0.0.1:1/nope'),
    fails(['location-add', '@IMG', '--url', 'notaurl'], 'HTTP 400 Bad Request: Invalid location'),
    fails(['location-add', '@IMG', '--url', 'http://127.0.0.1:1/x', '--metadata', '"str"'], "is not of type &#x27;object&#x27;"),
  ],

  'unknown commands and flags': [
    usage(['bogus-cmd'], "argument <subcommand>: invalid choice: 'bogus-cmd'"),
    fails(['help', 'bogus-cmd'], "'bogus-cmd' is not a valid subcommand"),
    usage(['image-lst'], "invalid choice: 'image-lst'"),
    usage(['IMAGE-LIST'], "invalid choice: 'IMAGE-LIST'"),
    usage(['image-list', '--bogus'], 'Nonexistent flag: --bogus'),
    usage(['image-list', '--visiblity', 'public'], 'Nonexistent flag: --visiblity'),
    usage(['image-list', '-x'], 'Nonexistent flag: -x'),
    usage(['image-list', 'extra'], 'Unexpected argument: extra'),
    usage(['--bogus-global', 'image-list'], '--bogus-global'),
    usage(['image-list', '--os-bogus', 'x'], 'Nonexistent flag: --os-bogus'),
    usage(['image-create', '--nme', 'x'], 'Nonexistent flag: --nme'),
    usage(['image-update', '--wait', Z], 'Nonexistent flag: --wait'),
    usage(['image-show'], 'the following arguments are required: <IMAGE_ID>'),
    usage(['image-show', '--bogus', Z], 'Nonexistent flag: --bogus'),
    usage(['image-show', Z, Z], `Unexpected argument: ${Z}`),
    usage(['image-delete'], 'the following arguments are required: <IMAGE_ID>'),
    usage(['image-download'], 'the following arguments are required: <IMAGE_ID>'),
    usage(['image-tag-update', '@IMG'], /the following arguments are required: <TAG/),
    usage(['member-list'], 'the following arguments are required: --image-id'),
    usage(['member-create', '@IMG'], /the following arguments are required: <MEMBER/),
    usage(['member-update', '@IMG', '@ALT'], 'the following arguments are required: <MEMBER_STATUS>'),
    usage(['task-create', '--bogus', 'x'], 'Nonexistent flag: --bogus'),
    usage(['task-list', '--bogus'], 'Nonexistent flag: --bogus'),
    usage(['md-namespace-create'], 'the following arguments are required: <NAMESPACE>'),
    usage(['md-namespace-list', 'extra'], 'Unexpected argument: extra'),
    usage(['md-tag-create-multiple', '@NS'], 'the following arguments are required: --names'),
    usage(['md-object-create', '@NS'], 'the following arguments are required: --name, --schema'),
    usage(['location-add', '@IMG'], 'the following arguments are required: --url'),
    usage(['location-delete', '@IMG'], 'the following arguments are required: --url'),
    usage(['stores-delete', '@IMG'], 'the following arguments are required: --store'),
    usage(['cache-clear', '--target'], 'Flag --target expects one of these values: both, cache, queue'),
    usage(['image-list', '--limit'], 'Flag --limit expects a value'),
    usage(['image-list', '--page-size'], 'Flag --page-size expects a value'),
    usage(['image-import', '@IMG', '--wait-timeout', '5'], '--wait-timeout: --wait'),
  ],

  'bad choices': [
    fails(['image-create', '--visibility', 'bogus'], "Unable to set 'visibility' to 'bogus'. Reason: 'bogus' is not one of"),
    fails(['image-create', '--disk-format', 'bogus'], "Unable to set 'disk_format' to 'bogus'."),
    fails(['image-create', '--container-format', 'bogus'], "Unable to set 'container_format' to 'bogus'."),
    fails(['image-create', '--disk-format', 'QCOW2'], "Unable to set 'disk_format' to 'QCOW2'."),
    fails(['image-update', '@IMG', '--visibility', 'bogus'], "Unable to set 'visibility' to 'bogus'."),
    fails(['image-update', '@IMG', '--disk-format', 'bogus'], "Unable to set 'disk_format' to 'bogus'."),
    fails(['image-update', '@IMG', '--container-format', 'bogus'], "Unable to set 'container_format' to 'bogus'."),
    fails(['image-create-via-import', '--visibility', 'bogus'], "Unable to set 'visibility' to 'bogus'."),
    fails(['image-create-via-import', '--disk-format', 'bogus'], "Unable to set 'disk_format' to 'bogus'."),
    fails(['image-list', '--visibility', 'bogus'], 'HTTP 400 Bad Request: Invalid visibility value: bogus'),
    fails(['image-list', '--member-status', 'bogus'], 'HTTP 400 Bad Request: Invalid status: bogus'),
    usage(['image-list', '--sort-dir', 'up'], 'Expected --sort-dir=up to be one of: asc, desc'),
    usage(['image-list', '--sort-key', 'bogus'], 'Expected --sort-key=bogus to be one of'),
    fails(['image-list', '--sort', 'name:up'], 'Invalid sort direction: up.'),
    fails(['image-list', '--sort', 'bogus'], 'Invalid sort key: bogus.'),
    fails(['image-import', '@IMG', '--import-method', 'bogus'], "Import method 'bogus' is not valid for this cloud."),
    fails(['image-create-via-import', '--import-method', 'bogus'], "Import method 'bogus' is not valid for this cloud."),
    fails(['image-create-via-import', '--name', '@PFX'], "Import method 'bogus' is not valid for this cloud.", { env: { OS_IMAGE_IMPORT_METHOD: 'bogus' } }),
    usage(['member-update', '@IMG', '@ALT', 'bogus'], "argument <MEMBER_STATUS>: invalid choice: 'bogus' (choose from 'accepted', 'rejected', 'pending')"),
    usage(['member-update', '@IMG', '@ALT', 'ACCEPTED'], "invalid choice: 'ACCEPTED'"),
    fails(['task-create', '--type', 'bogus', '--input', '{}'], "Unable to set 'type' to 'bogus'."),
    fails(['task-list', '--type', 'bogus'], 'Invalid type value: bogus'),
    fails(['task-list', '--status', 'bogus'], 'Invalid status value: bogus'),
    usage(['task-list', '--sort-key', 'bogus'], 'Expected --sort-key=bogus to be one of: id, type, status'),
    usage(['task-list', '--sort-dir', 'up'], 'Expected --sort-dir=up to be one of: asc, desc'),
    fails(['md-namespace-create', '@PFX', '--visibility', 'bogus'], "'bogus' is not one of ['public', 'private']"),
    fails(['md-namespace-update', '@NS', '--visibility', 'bogus'], "'bogus' is not one of ['public', 'private']"),
    fails(['md-namespace-list', '--visibility', 'bogus'], 'Invalid visibility value: bogus'),
    usage(['cache-clear', '--target', 'bogus'], 'Expected --target=bogus to be one of: both, cache, queue'),
    fails(['image-list', '--os-endpoint-type', 'bogus'], 'bogus endpoint for image service in RegionOne region not found'),
    fails(['image-list', '--os-auth-type', 'bogus'], 'The plugin bogus could not be found.'),
    fails(['image-list', '--os-image-api-version', '3'], 'Invalid API version parameter. Supported values are [1, 2]'),
    fails(['image-list', '--os-image-api-version', 'abc'], 'Invalid API version parameter.'),
    fails(['image-list'], 'Invalid API version parameter.', { env: { OS_IMAGE_API_VERSION: '2.99.1' } }),
  ],

  // glance 4.1.0 reads an unknown spelling as False and goes on (decisions/0019).
  'bad [True|False] values and repeated options': [
    usage(['image-create', '--name', '@PFX', '--protected', 'maybe'], "argument --protected: invalid boolean value: 'maybe' (acceptable values are: '0', '1',"),
    usage(['image-create', '--name', '@PFX', '--hidden', ''], "argument --hidden: invalid boolean value: ''"),
    usage(['image-update', '@IMG', '--protected', 'nope'], "argument --protected: invalid boolean value: 'nope'"),
    usage(['image-update', '@IMG', '--hidden', 'truee'], "argument --hidden: invalid boolean value: 'truee'"),
    usage(['image-create-via-import', '--name', '@PFX', '--protected', '2'], "argument --protected: invalid boolean value: '2'"),
    usage(['image-create-via-import', '--name', '@PFX', '--all-stores', 'all'], "argument --all-stores: invalid boolean value: 'all'"),
    usage(['image-create-via-import', '--name', '@PFX', '--allow-failure', 'Si'], "argument --allow-failure: invalid boolean value: 'Si'"),
    usage(['image-create-via-import', '--name', '@PFX'], "argument --allow-failure: invalid boolean value: 'maybe'", { env: { OS_IMAGE_ALLOW_FAILURE: 'maybe' } }),
    usage(['image-import', '@IMG', '--all-stores', 'none'], "argument --all-stores: invalid boolean value: 'none'"),
    usage(['image-import', '@IMG', '--allow-failure', 'False!'], "argument --allow-failure: invalid boolean value: 'False!'"),
    usage(['image-list', '--hidden', 'maybe'], "argument --hidden: invalid boolean value: 'maybe'"),
    usage(['image-list', '--include-stores', 'yess'], "argument --include-stores: invalid boolean value: 'yess'"),
    usage(['md-namespace-create', '@PFX', '--protected', 'maybe'], "argument --protected: invalid boolean value: 'maybe'"),
    usage(['md-namespace-update', '@NS', '--protected', 'None'], "argument --protected: invalid boolean value: 'None'"),
    usage(['image-create', '--name', '@PFX', '--name'], 'Flag --name expects a value'),
    usage(['image-create', '--name', '--name', '@PFX'], 'Flag --name expects a value'),
    usage(['image-create', '--tags', 'a', '--tags'], 'Flag --tags expects a value'),
  ],

  'malformed --property': [
    fails(['image-create', '--property', 'noeq'], "Argument --property expected properties in the format KEY=VALUE, got 'noeq'"),
    fails(['image-create', '--property', '=v'], "format KEY=VALUE, got '=v'"),
    fails(['image-create', '--property', '='], "format KEY=VALUE, got '='"),
    fails(['image-create', '--property', ''], "format KEY=VALUE, got ''"),
    fails(['image-create', '--name', '@PFX', '--property', 'a=1', '--property', 'noeq'], "got 'noeq'"),
    fails(['image-update', '@IMG', '--property', 'noeq'], "got 'noeq'"),
    fails(['image-update', '@IMG', '--property', '=v'], "got '=v'"),
    fails(['image-create-via-import', '--property', 'noeq'], "got 'noeq'"),
    fails(['image-create-via-import', '--property', '=v'], "got '=v'"),
    fails(['image-list', '--property-filter', 'noeq'], 'Argument --property-filter expected properties in the format KEY=VALUE'),
    fails(['image-create', '--property', 'min_disk=abc'], "Unable to set 'min_disk'"),
    fails(['image-create', '--property', 'os_hidden=maybe'], "Unable to set 'os_hidden'"),
    fails(['image-create', '--property', 'id=not-a-uuid'], "Unable to set 'id'"),
    fails(['image-create', '--property', 'status=active'], "HTTP 403 Forbidden: Attribute &#x27;status&#x27; is read-only."),
  ],

  'malformed JSON': [
    fails(['task-create', '--type', 'import', '--input', '{bad'], 'Failed to parse the "input" parameter. Must be a valid JSON object.'),
    fails(['task-create', '--type', 'import', '--input', '{"a":'], 'Failed to parse the "input" parameter.'),
    fails(['task-create', '--type', 'import', '--input', 'NaN'], 'Failed to parse the "input" parameter.'),
    fails(['task-create', '--type', 'import', '--input', '[1]'], "Unable to set 'input' to [1]."),
    fails(['task-create', '--type', 'import', '--input', '"s"'], "Unable to set 'input' to 's'."),
    fails(['task-create', '--type', 'import', '--input', ''], 'Unable to create task. Specify task type and input.'),
    fails(['md-namespace-import', '--file', '@BADJSON'], 'Schema is not a valid JSON object.'),
    fails(['md-namespace-import', '--file', '@ARRAYJSON'], 'Schema is not a valid JSON object.'),
    fails(['md-namespace-import'], 'Schema is not a valid JSON object.', { stdin: '@BADJSON' }),
    fails(['md-object-create', '@NS', '--name', 'o', '--schema', '{bad'], 'Schema is not a valid JSON object.'),
    fails(['md-object-create', '@NS', '--name', 'o', '--schema', '[1]'], 'Schema is not a valid JSON object.'),
    fails(['md-object-update', '@NS', 'obj', '--schema', '{bad'], 'Schema is not a valid JSON object.'),
    fails(['md-property-create', '@NS', '--name', 'p', '--title', 't', '--schema', '{bad'], 'Schema is not a valid JSON object.'),
    fails(['md-property-create', '@NS', '--name', 'p', '--title', 't', '--schema', '[]'], 'Schema is not a valid JSON object.'),
    fails(['md-property-update', '@NS', 'prop', '--schema', '{bad'], 'Schema is not a valid JSON object.'),
    fails(['location-add', '@IMG', '--url', 'http://127.0.0.1:1/x', '--metadata', '{bad'], 'Metadata is not a valid JSON object.'),
    fails(['location-add', '@IMG', '--url', 'http://127.0.0.1:1/x', '--metadata', '[1]'], "[1] is not of type &#x27;object&#x27;"),
    fails(['location-update', '--url', 'http://127.0.0.1:1/x', '--metadata', '{bad', '@IMG'], 'Metadata is not a valid JSON object.'),
    fails(['md-namespace-create', '@PFX', '--schema', '{bad'], "Attribute &#x27;schema&#x27; is read-only."),
  ],

  'files': [
    fails(['image-create', '--file', '@MISSING', ...IMPORT_FORMATS], 'File @MISSING does not exist or user does not have read privileges to it'),
    fails(['image-create', '--file', '@DANGLING', ...IMPORT_FORMATS], 'File @DANGLING does not exist or user does not have read privileges to it'),
    fails(['image-create', '--file', '@NOTDIR', ...IMPORT_FORMATS], 'File @NOTDIR does not exist or user does not have read privileges to it'),
    fails(['image-create', '--file', '@DIR', ...IMPORT_FORMATS], 'File @DIR is a directory, not an image file'),
    fails(['image-create', '--file', '@DATA'], 'error: Must provide --container-format, --disk-format when using --file.'),
    fails(['image-create', '--file', '@DATA', '--disk-format', 'raw'], 'error: Must provide --container-format when using --file.'),
    fails(['image-create'], 'error: Must provide --container-format, --disk-format when using stdin.', { stdin: '@DATA' }),
    fails(['image-upload', '@IMG', '--file', '@MISSING'], 'File @MISSING does not exist or user does not have read privileges to it'),
    fails(['image-upload', '@IMG', '--file', '@DANGLING'], 'File @DANGLING does not exist'),
    fails(['image-upload', '@IMG', '--file', '@NOTDIR'], 'File @NOTDIR does not exist'),
    fails(['image-upload', '@IMG', '--file', '@DIR'], 'File @DIR is a directory, not an image file'),
    fails(['image-upload', '@IMG'], 'No image data: use --file <FILE> or pipe the data on stdin.'),
    fails(['image-stage', '@IMG', '--file', '@MISSING'], 'File @MISSING does not exist or user does not have read privileges to it'),
    fails(['image-stage', '@IMG', '--file', '@DIR'], 'File @DIR is a directory, not an image file'),
    fails(['image-stage', '@IMG'], 'No image data'),
    fails(['image-create-via-import', '--file', '@MISSING', ...IMPORT_FORMATS], 'File @MISSING does not exist or user does not have read privileges to it.'),
    fails(['image-create-via-import', '--name', '@PFX', '--file', '@DIR', ...IMPORT_FORMATS], 'File @DIR is a directory, not an image file'),
    fails(['image-create-via-import', '--file', '@DATA', ...IMPORT_FORMATS], 'You cannot use both --file and stdin with the glance-direct import method.', { stdin: '@DATA' }),
    fails(['md-namespace-import', '--file', '@MISSING'], 'File @MISSING does not exist or user does not have read privileges to it'),
    fails(['md-namespace-import', '--file', '@DANGLING'], 'File @DANGLING does not exist'),
    fails(['md-namespace-import', '--file', '@DIR'], 'File @DIR is a directory, not a namespace file'),
    fails(['md-namespace-import', '--file', '@EMPTY'], 'Schema is not a valid JSON object.'),
    fails(['md-namespace-import'], 'No metadata definition namespace passed via stdin or --file argument.'),
    fails(['image-download', '@IMG', '--file', '@MISSING'], 'Image @IMG has no data.'),
    fails(['image-download', '@ACTIVE', '--file', '@MISSING'], "Download of image @ACTIVE to @MISSING failed: ENOENT: no such file or directory, open '@MISSING.part'"),
    fails(['image-download', '@ACTIVE', '--file', '@DIR'], 'Download of image @ACTIVE to @DIR failed: EISDIR: illegal operation on a directory'),
    usage(['image-download', '@ACTIVE', '--resume'], '--resume requires --file'),
    fails(['image-list', '--os-cacert', '@MISSING'], 'Unable to read CA certificate file @MISSING'),
    fails(['image-list', '--os-cacert', '@DIR'], 'Unable to read CA certificate file @DIR: EISDIR'),
    fails(['image-list', '--os-cert', '@MISSING', '--os-key', '@MISSING'], 'Unable to read client certificate file @MISSING: ENOENT'),
  ],

  'conflicting flags': [
    fails(['image-create', '--name', '@PFX', '--store', 'fast'], '--store option should only be provided with --file option or stdin.'),
    usage(['image-create-via-import', '--name', '@PFX', '--wait'], '--wait needs an import to wait for'),
    usage(['image-create-via-import', '--name', '@PFX', '--wait-timeout', '5'], '--wait-timeout: --wait'),
    fails(['image-create-via-import', '--name', '@PFX', '--uri', 'http://127.0.0.1:1/x', ...IMPORT_FORMATS], 'You cannot use --uri without specifying an import method.'),
    fails(['image-create-via-import', '--name', '@PFX', '--uri', 'http://127.0.0.1:1/x'], 'error: Must provide --container-format, --disk-format when using --uri.'),
    fails(['image-create-via-import', '--name', '@PFX', '--import-method', 'copy-image'], "Import method 'copy-image' cannot be used while creating the image."),
    fails(['image-create-via-import', '--import-method', 'web-download'], "URI is required for web-download import method. Please use '--uri <uri>'."),
    fails(['image-create-via-import', '--import-method', 'web-download', '--uri', 'http://127.0.0.1:1/x', '--file', '@DATA', ...IMPORT_FORMATS], 'You cannot specify a --file with the web-download import method.'),
    fails(['image-create-via-import', '--import-method', 'glance-direct', '--uri', 'http://127.0.0.1:1/x', '--file', '@DATA', ...IMPORT_FORMATS], 'You cannot specify a --uri with the glance-direct import method.'),
    fails(['image-create-via-import', '--import-method', 'glance-direct', ...IMPORT_FORMATS], 'You must specify a --file or provide data via stdin for the glance-direct import method.'),
    fails(['image-create-via-import', '--import-method', 'glance-direct', '--stores', 'fast', ...IMPORT_FORMATS], '--stores option should only be provided with --file option or stdin for the glance-direct import method.'),
    fails(['image-create-via-import', '--import-method', 'web-download', '--uri', 'http://127.0.0.1:1/x', '--all-stores', 'true', '--stores', 'fast', ...IMPORT_FORMATS], 'Only one of --store, --stores and --all-stores can be provided'),
    fails(['image-import', '@IMG', '--import-method', 'web-download'], 'Provide URI for web-download import method.'),
    fails(['image-import', '@IMG', '--uri', 'http://127.0.0.1:1/x', '--import-method', 'glance-direct'], "Import method should be 'web-download' if URI is provided."),
    fails(['image-import', '@IMG', '--all-stores', 'true', '--stores', 'fast'], 'Only one of --store, --stores and --all-stores can be provided'),
    fails(['image-import', '@IMG', '--import-method', 'glance-direct'], "The 'glance-direct' import method can only be applied to an image in status 'uploading'"),
    fails(['image-list', '--sort', 'name:asc', '--sort-key', 'name'], "The 'sort' argument is not supported with 'sort_key' or 'sort_dir'."),
    fails(['task-create', '--input', '{}'], 'Unable to create task. Specify task type and input.'),
    fails(['image-list', '--os-auth-token', 'bogus', '--os-image-url', '@GLANCE'], 'Invalid OpenStack Identity credentials.', { bareEnv: true }),
    fails(['image-list', '--os-auth-token', 'bogus'], 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]', { bareEnv: true }),
    fails(['image-list', '--os-image-url', '@GLANCE'], 'You must provide a username via either --os-username or env[OS_USERNAME]', { bareEnv: true }),
    fails(['image-list', '--os-auth-token', 'bogus', '--os-auth-type', 'token'], 'Could not recognize Fernet token (HTTP 404)'),
    fails(['image-list', '--os-system-scope', 'bogus'], 'Unsupported system scope "bogus": Keystone only supports "all"', { env: { OS_PROJECT_NAME: null } }),
    fails(['image-list', '--os-domain-name', 'Default', '--os-project-id', '@Z'], 'The request you have made requires authentication. (HTTP 401)', { env: { OS_PROJECT_NAME: null } }),
  ],

  'huge and out-of-range values': [
    fails(['image-create', '--name', LONG_NAME], `Unable to set 'name' to 'nnnnn`),
    fails(['image-create', '--name', LONG_NAME], `...(${LONG_NAME.length + 2} characters) is too long`),
    fails(['image-create', '--name', 'n'.repeat(256)], 'is too long'),
    fails(['image-create', '--min-disk', HUGE], "&#x27;min_disk&#x27; value out of range, must not exceed 2147483647."),
    fails(['image-create', '--min-ram', HUGE], "&#x27;min_ram&#x27; value out of range, must not exceed 2147483647."),
    fails(['image-create', '--min-ram', '-5'], "Invalid value &#x27;-5&#x27; for parameter &#x27;min_ram&#x27;: Cannot be a negative value"),
    fails(['image-create', '--min-disk', '-1'], "Invalid value &#x27;-1&#x27; for parameter &#x27;min_disk&#x27;: Cannot be a negative value"),
    fails(['image-update', '@IMG', '--min-disk', HUGE], 'value out of range, must not exceed 2147483647.'),
    fails(['image-update', '@IMG', '--min-ram', '-5'], 'Cannot be a negative value'),
    usage(['image-create', '--min-disk', '1.5'], 'argument --min-disk: Expected an integer but received: 1.5'),
    usage(['image-create', '--min-disk', 'abc'], 'argument --min-disk: Expected an integer but received: abc'),
    usage(['image-list', '--limit', 'abc'], 'argument --limit: Expected an integer but received: abc'),
    usage(['image-list', '--limit', '1e3'], 'argument --limit: Expected an integer'),
    fails(['image-list', '--limit', '-1'], 'HTTP 400 Bad Request: limit param must be positive'),
    fails(['image-list', '--page-size', '-1'], 'limit param must be positive'),
    fails(['task-list', '--page-size', '-3'], 'limit param must be positive'),
    fails(['md-namespace-list', '--page-size', '-1'], 'limit param must be positive'),
    fails(['image-tag-update', '@IMG', LONG_TAG], /^HTTP 400 Bad Request: Provided object does not match schema &#x27;image&#x27;: &#x27;t{300}&#x27; is too long/),
    fails(['md-tag-create', '@NS', '--name', LONG_TAG], /^HTTP 400 Bad Request: Provided object does not match schema &#x27;tag&#x27;: &#x27;t{300}&#x27; is too long/),
    fails(['md-namespace-create', 'n'.repeat(100_000)], /^'n{59}\.\.\.\(100002 characters\) is too long$/),
    fails(['image-create', '--property', `name=${LONG_NAME}`], `...(${LONG_NAME.length + 2} characters) is too long`),
    fails(['image-create', '--name', '🦄'], "HTTP 400 Bad Request: Name can&#x27;t contain 4 byte unicode characters."),
    fails(['image-update', '@IMG', '--name', 'a 👩‍💻 b'], "Name can&#x27;t contain 4 byte unicode characters."),
    usage(['image-list', '--timeout', 'abc'], 'argument --timeout: abc must be a float'),
    usage(['image-list', '--timeout', '-1'], 'argument --timeout: -1 must be greater than 0'),
    usage(['image-list', '--timeout', '0'], 'argument --timeout: 0 must be greater than 0'),
    usage(['image-list', '--retries', '-1'], 'argument --retries: Expected an integer greater than or equal to 0 but received: -1'),
    usage(['image-list', '--retries', 'abc'], 'argument --retries: Expected an integer but received: abc'),
    usage(['image-show', '@IMG', '--max-column-width', 'abc'], 'argument --max-column-width: Expected an integer'),
  ],

  'credentials and endpoints': [
    fails(['image-list'], 'You must provide a username via either --os-username or env[OS_USERNAME]', { bareEnv: true }),
    fails(['image-list'], 'You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response', { env: { OS_PASSWORD: null } }),
    fails(['image-list'], 'You must provide a password', { env: { OS_PASSWORD: '' } }),
    fails(['image-list'], 'You must provide a project_id or project_name', { env: { OS_PROJECT_NAME: null } }),
    fails(['image-list'], 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]', { env: { OS_AUTH_URL: null } }),
    fails(['image-list'], 'The request you have made requires authentication. (HTTP 401) (Request-ID: req-', { env: { OS_PASSWORD: 'wrong' } }),
    fails(['image-list', '--os-password', 'wrong'], 'The request you have made requires authentication. (HTTP 401)'),
    fails(['image-list'], 'The request you have made requires authentication. (HTTP 401)', { env: { OS_USERNAME: 'tsglance-no-such-user' } }),
    fails(['image-list'], 'The request you have made requires authentication. (HTTP 401)', { env: { OS_PROJECT_NAME: 'tsglance-no-such-project' } }),
    fails(['image-list'], 'The request you have made requires authentication. (HTTP 401)', { env: { OS_USER_DOMAIN_NAME: 'NoSuchDomain' } }),
    fails(['image-list'], 'Expecting to find domain in user.', { env: { OS_USER_DOMAIN_NAME: null } }),
    fails(['image-list'], 'public endpoint for image service in Nowhere region not found', { env: { OS_REGION_NAME: 'Nowhere' } }),
    fails(['image-list'], 'bogus endpoint for image service in RegionOne region not found', { env: { OS_INTERFACE: 'bogus' } }),
    fails(['image-list'], 'Cloud nope was not found.', { env: { OS_CLOUD: 'nope' } }),
    fails(['image-list', '--os-cloud', 'nope'], 'Cloud nope was not found.'),
    fails(['image-list'], 'Unable to establish connection to @CLOSED/v3/auth/tokens: connect ECONNREFUSED', { env: { OS_AUTH_URL: '@CLOSED/v3' } }),
    fails(['image-list', '--os-image-url', '@CLOSED'], 'Error finding address for @CLOSED/v2/images'),
    fails(['image-list', '--os-image-url', '@HTML'], 'Invalid response from @HTML/v2/images'),
    fails(['image-show', Z, '--os-image-url', '@HTML'], `Invalid response from @HTML/v2/images/${Z}: expected JSON, got text/html (HTTP 200)`),
    fails(['image-create', '--name', '@PFX', '--os-image-url', '@HTML'], 'Invalid response from @HTML/v2/schemas/image'),
    fails(['md-namespace-list', '--os-image-url', '@HTML'], 'Invalid response from @HTML/v2/metadefs/namespaces'),
    fails(['task-list', '--os-image-url', '@HTML'], 'Invalid response from @HTML/v2/tasks'),
    fails(['image-list', '--os-image-url', '@HTML500'], 'HTTP Welcome to nginx!'),
    fails(['image-list', '--os-image-url', '@KEYSTONE'], 'HTTP 404 Not Found: Not Found'),
    fails(['image-show', Z, '--os-image-url', '@KEYSTONE'], 'HTTP 404 Not Found'),
    fails(['image-list'], 'Invalid response from @HTML/v3/auth/tokens: expected JSON, got text/html (HTTP 200)', { env: { OS_AUTH_URL: '@HTML/v3' } }),
    fails(['image-list'], '@GLANCE/v3/auth/tokens did not answer as a Keystone v3 token endpoint (HTTP 300)', { env: { OS_AUTH_URL: '@GLANCE/v3' } }),
    fails(['image-list'], 'Invalid auth URL: not-a-url', { env: { OS_AUTH_URL: 'not-a-url' } }),
    fails(['image-list', '--os-image-url', 'not-a-url'], 'Invalid image URL: not-a-url'),
    fails(['image-list', '--os-image-url', 'ftp://127.0.0.1/'], 'Invalid image URL: ftp://127.0.0.1/'),
    fails(['image-list', '--os-image-url', 'https://127.0.0.1:@GLANCEPORT', '--timeout', '2', '--retries', '0'], /^Error communicating with https:\/\/127\.0\.0\.1:@GLANCEPORT\/v2\/images.*Connect Timeout Error/),
    fails(['image-list', '--os-image-api-version', '1'], 'Images API v1 is not supported: Glance no longer serves it. Use --os-image-api-version 2.'),
    fails(['image-list'], 'Images API v1 is not supported', { env: { OS_IMAGE_API_VERSION: '1' } }),
    fails(['image-list', '--os-auth-type', 'v3applicationcredential'], 'You must provide an application credential id or name via either --os-application-credential-id'),
    fails(['image-list', '--os-auth-type', 'token'], 'You must provide a token via either --os-auth-token or env[OS_AUTH_TOKEN]'),
    fails(['image-list', '--os-application-credential-id', 'x', '--os-auth-type', 'v3applicationcredential'], 'You must provide an application credential secret via either --os-application-credential-secret'),
  ],
}

/** Valid names a shell or terminal could mangle: accepted, stored exactly, then deleted. */
const HOSTILE_NAMES = [
  '$(touch @DIR/pwned)',
  '`touch @DIR/pwned`',
  'a; touch @DIR/pwned',
  'a && touch @DIR/pwned | cat > @DIR/pwned',
  `it's "quoted"`,
  'line one\nline two',
  'tab\there',
  '\u202Eevil.exe\u202C',
  'شعار عربي',
  '☃ snowman ✓ ♥ (3-byte emoji only: Glance refuses 4-byte ones)',
  '名前 テスト',
  'back\\slash \\n',
  '*?[a-z]{1,2}~',
  '-starts-with-dash',
  '<script>alert(1)</script>',
  '%s %d %n ${HOME}',
]

// ---------------------------------------------------------------------------

let scratch: ScratchProject
let glance: GlanceClient
let workDir: string
let fixtureImage: string
let activeImage: string
let fixtureNamespace: string
let servers: Server[] = []
const placeholders: Record<string, string> = {}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return server
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

/** An HTML page where an OpenStack API was expected (a web server, a proxy's error page). */
const htmlPage = (status: number) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(status, { 'Content-Type': 'text/html' })
  res.end('<html><body><h1>Welcome to nginx!</h1></body></html>')
}

function resolvePlaceholders(text: string): string {
  return text.replace(/@[A-Z0-9]+/g, (token) => placeholders[token] ?? token)
}

function envFor(c: BadCase): Record<string, string> {
  const env: Record<string, string> = c.bareEnv ? {} : { ...scratch.env }
  for (const [key, value] of Object.entries(c.env ?? {})) {
    if (value === null) delete env[key]
    else env[key] = resolvePlaceholders(value)
  }
  return env
}

function runCase(c: BadCase): Promise<RunResult> {
  return tsglance(c.args.map(resolvePlaceholders), { env: envFor(c), stdinFile: c.stdin && resolvePlaceholders(c.stdin), cwd: workDir })
}

/** Run `items` through `work` at most `limit` at a time (the machine has 2 CPUs and is shared). */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** What the cases could have changed, as the scratch project's admin sees it. */
async function serverState() {
  const owner = scratch.projectId
  const images: string[] = []
  for (const osHidden of [false, true]) {
    for await (const image of glance.images.list({ owner, visibility: 'all', osHidden })) images.push(image.id)
  }
  const tasks = (await glance.tasks.list({ pageSize: 1000 }).toArray()).filter((task) => task.owner === owner)
  const namespaces = (await glance.metadefs.namespaces.list({ pageSize: 1000 }).toArray()).filter((ns) => ns.owner === owner)
  const image = await glance.images.get(fixtureImage)
  const members = await glance.members.list(fixtureImage)
  const ns = await glance.metadefs.namespaces.get(fixtureNamespace)
  return {
    images: images.sort(),
    tasks: tasks.map((task) => task.id).sort(),
    namespaces: namespaces.map((n) => n.namespace).sort(),
    fixtureImage: {
      updated_at: image.updated_at,
      status: image.status,
      name: image.name,
      visibility: image.visibility,
      min_disk: image.min_disk,
      min_ram: image.min_ram,
      tags: [...(image.tags ?? [])].sort(),
      locations: (image.locations ?? []).length,
      members: members.map((m) => `${m.member_id}:${m.status}`).sort(),
    },
    fixtureNamespace: {
      updated_at: ns.updated_at,
      visibility: ns.visibility,
      objects: (ns.objects ?? []).map((o) => o.name).sort(),
      properties: Object.keys(ns.properties ?? {}).sort(),
      tags: (ns.tags ?? []).map((t) => t.name).sort(),
    },
  }
}
type ServerState = Awaited<ReturnType<typeof serverState>>
let initialState: ServerState

const FORBIDDEN = [/^\s+at /m, /TypeError/, /ReferenceError/, /node:internal/, /\[object Object\]/, /undefined/]

/** The last stderr line that says something (argparse-style errors end with a pointer to help). */
function problemLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith("See 'tsglance help "))
  return lines.at(-1) ?? ''
}

const label = (args: string[]) => {
  const text = args.map((a) => (a.length > 40 ? `${a.slice(0, 20)}…(${a.length} chars)` : JSON.stringify(a))).join(' ')
  return text.length > 160 ? `${text.slice(0, 160)}…` : text
}

beforeAll(async () => {
  scratch = await createScratchProject('badinput')
  const env = scratch.env
  glance = new GlanceClient({
    auth: authFromEnv(env),
    regionName: env.OS_REGION_NAME,
  })
  workDir = mkdtempSync(join(tmpdir(), 'tsglance-bad-input-'))
  const data = join(workDir, 'data.img')
  writeFileSync(data, Buffer.alloc(4096, 7))
  writeFileSync(join(workDir, 'empty'), '')
  writeFileSync(join(workDir, 'bad.json'), '{"namespace": "x", ')
  writeFileSync(join(workDir, 'array.json'), '[1, 2]')
  mkdirSync(join(workDir, 'dir'))
  symlinkSync(join(workDir, 'no-such-target'), join(workDir, 'dangling'))

  const fixture = await glance.images.create({ name: `${scratch.name}-fixture`, disk_format: 'raw', container_format: 'bare', tags: ['fixture-tag'] })
  fixtureImage = fixture.id
  const alt = await stackIdentity('alt')
  await glance.members.create(fixtureImage, alt.projectId)
  const active = await glance.images.create({ name: `${scratch.name}-active`, disk_format: 'raw', container_format: 'bare' })
  activeImage = active.id
  await glance.images.upload(activeImage, { path: data })

  fixtureNamespace = `${scratch.name}-ns`
  await glance.metadefs.namespaces.create({ namespace: fixtureNamespace, visibility: 'private' })
  await glance.metadefs.objects.create(fixtureNamespace, { name: 'obj', properties: { prop: { type: 'string', title: 'Prop' } } })
  await glance.metadefs.properties.create(fixtureNamespace, { name: 'prop', type: 'string', title: 'Prop' })
  await glance.metadefs.tags.create(fixtureNamespace, 'tag')

  const closed = await listen(() => undefined)
  const closedUrl = urlOf(closed)
  await new Promise<void>((resolve) => closed.close(() => resolve()))
  servers = servers.filter((s) => s !== closed)
  const html = await listen(htmlPage(200))
  const html500 = await listen(htmlPage(500))

  Object.assign(placeholders, {
    '@Z': '00000000-0000-0000-0000-000000000000',
    '@IMG': fixtureImage,
    '@ACTIVE': activeImage,
    '@NS': fixtureNamespace,
    '@ALT': alt.projectId,
    '@PFX': `${scratch.name}-case`,
    '@DIR': join(workDir, 'dir'),
    '@DATA': data,
    '@EMPTY': join(workDir, 'empty'),
    '@BADJSON': join(workDir, 'bad.json'),
    '@ARRAYJSON': join(workDir, 'array.json'),
    '@MISSING': join(workDir, 'no-such-dir', 'file.img'),
    '@DANGLING': join(workDir, 'dangling'),
    '@NOTDIR': join(data, 'file.img'),
    '@CLOSED': closedUrl,
    '@HTML': urlOf(html),
    '@HTML500': urlOf(html500),
    '@KEYSTONE': openrc('admin').OS_AUTH_URL.replace(/\/v3\/?$/, ''),
    '@GLANCE': glanceUrl(),
    '@GLANCEPORT': new URL(glanceUrl()).port,
  })
  initialState = await serverState()
}, 180_000)

afterAll(async () => {
  for (const server of servers) server.close()
  if (glance && scratch) {
    // Whatever the project owns now (fixtures, and anything a failing case left behind).
    for (const osHidden of [false, true]) {
      for await (const image of glance.images.list({ owner: scratch.projectId, visibility: 'all', osHidden })) {
        await glance.images.delete(image.id).catch(() => undefined)
      }
    }
    const namespaces = await glance.metadefs.namespaces.list({ pageSize: 1000 }).toArray()
    for (const ns of namespaces.filter((n) => n.owner === scratch.projectId)) await glance.metadefs.namespaces.delete(ns.namespace).catch(() => undefined)
  }
  await glance?.close()
  await scratch?.remove()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
}, 180_000)

it('the table holds at least 200 bad command lines', () => {
  expect(Object.values(GROUPS).flat().length).toBeGreaterThanOrEqual(200)
})

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(group, () => {
    let results: RunResult[]
    let before: ServerState
    let after: ServerState

    beforeAll(async () => {
      before = await serverState()
      results = await pool(cases, 4, runCase)
      after = await serverState()
    }, 600_000)

    it.each(cases.map((c, index) => ({ index, name: label(c.args), c })))('$name', ({ index, c }) => {
      const res = results[index]
      const context = `${label(c.args)}\nexit ${res.code}\nstderr: ${res.stderr.slice(0, 2000)}\nstdout: ${res.stdout.slice(0, 500)}`
      expect(res.code, context).toBe(c.code)
      const line = problemLine(res.stderr)
      const fragment = typeof c.err === 'string' ? resolvePlaceholders(c.err) : new RegExp(resolvePlaceholders(c.err.source), c.err.flags)
      if (typeof fragment === 'string') expect(line, context).toContain(fragment)
      else expect(line, context).toMatch(fragment)
      for (const pattern of FORBIDDEN) {
        expect(res.stderr, context).not.toMatch(pattern)
        expect(res.stdout, context).not.toMatch(pattern)
      }
      expect(res.stdout, context).toBe('')
    })

    it('leaves the server as it was', () => {
      expect(after).toEqual(before)
    })
  })
}

describe('hostile but valid names round-trip exactly', () => {
  it.each(HOSTILE_NAMES.map((name) => ({ name, label: JSON.stringify(name) })))('$label', async ({ name }) => {
    const exact = resolvePlaceholders(name)
    const res = await tsglance(['image-create', `--name=${exact}`], { env: scratch.env, cwd: workDir })
    const id = imageIdOf(res.stdout)
    try {
      expect(res.code, res.stderr).toBe(0)
      expect(id, res.stdout).toBeDefined()
      expect((await glance.images.get(id!)).name).toBe(exact)
      // The name went to Glance as data: no shell ever ran it.
      expect(existsSync(join(placeholders['@DIR'], 'pwned'))).toBe(false)
    } finally {
      if (id) await glance.images.delete(id)
    }
  })
})

it('after the whole table the server is as it was before it', async () => {
  expect(await serverState()).toEqual(initialState)
})
