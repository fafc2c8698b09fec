// Types for the test that imports the generator (the script itself is plain JS so it runs without a build step).
export declare const REPO_ROOT: string
export declare const MANIFEST_PATH: string
export declare const REFERENCE_PATH: string
export declare function renderCliReference(manifest: { commands: Record<string, unknown> }): string
