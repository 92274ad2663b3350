export { assertNoSecretLeaked, runNode, toExecutionData, type OnErrorSetting, type RunNodeOptions, type RunNodeResult } from './run-node';
export { collectStrings } from './collect-strings';
export { keenCredentials, type KeenCredentialData, type KeenServerKeys } from './keen-credentials';
export { TestCredentialsHelper } from './credentials-helper';
export { runPoll, type RunPollOptions, type RunPollResult } from './run-poll';
export { shutdownN8nCore } from './teardown';
export { buildPackage, distIsStale, loadDistPackage, PACKAGE_ROOT, type LoadedCredentialInfo, type LoadedDistPackage, type LoadedNodeInfo } from './dist-package';
export { runAsTool, type RunToolOptions, type RunToolResult, type ToolCallResult } from './run-tool';
