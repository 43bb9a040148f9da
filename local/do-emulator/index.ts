export { startEmulator, type Emulator, type EmulatorOptions, type RecordedRequest } from './server.js';
export type { Fault, RequestMatch } from './faults.js';
export {
  Platform,
  ApiError,
  validateSpec,
  type AppRecord,
  type RunService,
  type RunningService,
  type ServiceContext,
  type PhaseMsOption,
} from './platform.js';
export {
  defaultPhaseMs,
  componentsOf,
  type AppSpec,
  type Component,
  type ComponentSpec,
  type DeploymentRecord,
  type Phase,
  type PhaseDurations,
  type ProgressStep,
} from './model.js';
export { renderApp, renderDeployment } from './render.js';
export { spawnService, type SpawnServiceOptions } from './services.js';
export { virtualClock, type VirtualClock } from './clock.js';
export { contractViolations, appsContract, appsDescriptionFile } from './contract.js';
