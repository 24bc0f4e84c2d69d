import type { ServerResponse } from 'node:http';
import type { CallRecorder } from './control/calls.ts';
import type { FaultRegistry } from './control/faults.ts';
import type { SandboxState } from './state.ts';
import type { DemoData } from './types.ts';

/** Everything one running sandbox shares between its HTTP handlers. */
export interface SandboxContext {
  readonly state: SandboxState;
  readonly faults: FaultRegistry;
  readonly calls: CallRecorder;
  readonly demo: DemoData;
  /** Set once the server listens; used for JSON:API `links.self`. */
  baseUrl: string;
  /** Responses held open by `hang` faults, released (destroyed) on close. */
  readonly hanging: Set<ServerResponse>;
  readonly log: (line: string) => void;
}
