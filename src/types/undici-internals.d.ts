// undici's internal modules (see src/sdk/transport/undici.ts) ship no type
// declarations; undici.ts gives each the type of its public counterpart.
declare module 'undici/lib/*' {
  const moduleExports: unknown
  export default moduleExports
}
