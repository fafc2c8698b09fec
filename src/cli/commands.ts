/**
 * Every tsglance subcommand by its glance name: oclif's "explicit" command
 * discovery (package.json `oclif.commands`). The CLI is one bundle
 * (rolldown.config.mjs) rather than a directory of command files, so oclif
 * finds the commands here; test/unit/cli/command-table.test.ts keeps this
 * table and src/commands/ the same.
 */
import BashCompletion from '../commands/bash-completion.js'
import CacheClear from '../commands/cache-clear.js'
import CacheDelete from '../commands/cache-delete.js'
import CacheList from '../commands/cache-list.js'
import CacheQueue from '../commands/cache-queue.js'
import Explain from '../commands/explain.js'
import Help from '../commands/help.js'
import ImageCreateViaImport from '../commands/image-create-via-import.js'
import ImageCreate from '../commands/image-create.js'
import ImageDeactivate from '../commands/image-deactivate.js'
import ImageDelete from '../commands/image-delete.js'
import ImageDownload from '../commands/image-download.js'
import ImageImport from '../commands/image-import.js'
import ImageList from '../commands/image-list.js'
import ImageReactivate from '../commands/image-reactivate.js'
import ImageShow from '../commands/image-show.js'
import ImageStage from '../commands/image-stage.js'
import ImageTagDelete from '../commands/image-tag-delete.js'
import ImageTagUpdate from '../commands/image-tag-update.js'
import ImageTasks from '../commands/image-tasks.js'
import ImageUpdate from '../commands/image-update.js'
import ImageUpload from '../commands/image-upload.js'
import ImportInfo from '../commands/import-info.js'
import LocationAdd from '../commands/location-add.js'
import LocationDelete from '../commands/location-delete.js'
import LocationUpdate from '../commands/location-update.js'
import MdNamespaceCreate from '../commands/md-namespace-create.js'
import MdNamespaceDelete from '../commands/md-namespace-delete.js'
import MdNamespaceImport from '../commands/md-namespace-import.js'
import MdNamespaceList from '../commands/md-namespace-list.js'
import MdNamespaceObjectsDelete from '../commands/md-namespace-objects-delete.js'
import MdNamespacePropertiesDelete from '../commands/md-namespace-properties-delete.js'
import MdNamespaceResourceTypeList from '../commands/md-namespace-resource-type-list.js'
import MdNamespaceShow from '../commands/md-namespace-show.js'
import MdNamespaceTagsDelete from '../commands/md-namespace-tags-delete.js'
import MdNamespaceUpdate from '../commands/md-namespace-update.js'
import MdObjectCreate from '../commands/md-object-create.js'
import MdObjectDelete from '../commands/md-object-delete.js'
import MdObjectList from '../commands/md-object-list.js'
import MdObjectPropertyShow from '../commands/md-object-property-show.js'
import MdObjectShow from '../commands/md-object-show.js'
import MdObjectUpdate from '../commands/md-object-update.js'
import MdPropertyCreate from '../commands/md-property-create.js'
import MdPropertyDelete from '../commands/md-property-delete.js'
import MdPropertyList from '../commands/md-property-list.js'
import MdPropertyShow from '../commands/md-property-show.js'
import MdPropertyUpdate from '../commands/md-property-update.js'
import MdResourceTypeAssociate from '../commands/md-resource-type-associate.js'
import MdResourceTypeDeassociate from '../commands/md-resource-type-deassociate.js'
import MdResourceTypeList from '../commands/md-resource-type-list.js'
import MdTagCreateMultiple from '../commands/md-tag-create-multiple.js'
import MdTagCreate from '../commands/md-tag-create.js'
import MdTagDelete from '../commands/md-tag-delete.js'
import MdTagList from '../commands/md-tag-list.js'
import MdTagShow from '../commands/md-tag-show.js'
import MdTagUpdate from '../commands/md-tag-update.js'
import MemberCreate from '../commands/member-create.js'
import MemberDelete from '../commands/member-delete.js'
import MemberGet from '../commands/member-get.js'
import MemberList from '../commands/member-list.js'
import MemberUpdate from '../commands/member-update.js'
import StoresDelete from '../commands/stores-delete.js'
import StoresInfo from '../commands/stores-info.js'
import TaskCreate from '../commands/task-create.js'
import TaskList from '../commands/task-list.js'
import TaskShow from '../commands/task-show.js'
import Usage from '../commands/usage.js'

export const COMMANDS = {
  'bash-completion': BashCompletion,
  'cache-clear': CacheClear,
  'cache-delete': CacheDelete,
  'cache-list': CacheList,
  'cache-queue': CacheQueue,
  'explain': Explain,
  'help': Help,
  'image-create-via-import': ImageCreateViaImport,
  'image-create': ImageCreate,
  'image-deactivate': ImageDeactivate,
  'image-delete': ImageDelete,
  'image-download': ImageDownload,
  'image-import': ImageImport,
  'image-list': ImageList,
  'image-reactivate': ImageReactivate,
  'image-show': ImageShow,
  'image-stage': ImageStage,
  'image-tag-delete': ImageTagDelete,
  'image-tag-update': ImageTagUpdate,
  'image-tasks': ImageTasks,
  'image-update': ImageUpdate,
  'image-upload': ImageUpload,
  'import-info': ImportInfo,
  'location-add': LocationAdd,
  'location-delete': LocationDelete,
  'location-update': LocationUpdate,
  'md-namespace-create': MdNamespaceCreate,
  'md-namespace-delete': MdNamespaceDelete,
  'md-namespace-import': MdNamespaceImport,
  'md-namespace-list': MdNamespaceList,
  'md-namespace-objects-delete': MdNamespaceObjectsDelete,
  'md-namespace-properties-delete': MdNamespacePropertiesDelete,
  'md-namespace-resource-type-list': MdNamespaceResourceTypeList,
  'md-namespace-show': MdNamespaceShow,
  'md-namespace-tags-delete': MdNamespaceTagsDelete,
  'md-namespace-update': MdNamespaceUpdate,
  'md-object-create': MdObjectCreate,
  'md-object-delete': MdObjectDelete,
  'md-object-list': MdObjectList,
  'md-object-property-show': MdObjectPropertyShow,
  'md-object-show': MdObjectShow,
  'md-object-update': MdObjectUpdate,
  'md-property-create': MdPropertyCreate,
  'md-property-delete': MdPropertyDelete,
  'md-property-list': MdPropertyList,
  'md-property-show': MdPropertyShow,
  'md-property-update': MdPropertyUpdate,
  'md-resource-type-associate': MdResourceTypeAssociate,
  'md-resource-type-deassociate': MdResourceTypeDeassociate,
  'md-resource-type-list': MdResourceTypeList,
  'md-tag-create-multiple': MdTagCreateMultiple,
  'md-tag-create': MdTagCreate,
  'md-tag-delete': MdTagDelete,
  'md-tag-list': MdTagList,
  'md-tag-show': MdTagShow,
  'md-tag-update': MdTagUpdate,
  'member-create': MemberCreate,
  'member-delete': MemberDelete,
  'member-get': MemberGet,
  'member-list': MemberList,
  'member-update': MemberUpdate,
  'stores-delete': StoresDelete,
  'stores-info': StoresInfo,
  'task-create': TaskCreate,
  'task-list': TaskList,
  'task-show': TaskShow,
  'usage': Usage,
}
