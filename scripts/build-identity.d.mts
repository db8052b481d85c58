// Types for scripts/build-identity.mjs (plain JavaScript: next.config.js loads it).
type TEnv = Record<string, string | undefined>;
export function serverActionsKey(env?: TEnv): string | undefined;
export function deploymentId(dir: string, env?: TEnv): string | undefined;
