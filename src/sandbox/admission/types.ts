// Admission: plugins that may change (admit) or reject (validate) a write after decoding and
// defaulting, as upstream's admission chain. Plugins are synchronous so that a check and the
// write it guards happen in one turn of the event loop (quota cannot be raced).
import type { KubeObject, StoredObject } from '../../apimachinery/object.ts';
import type { DeleteOptions, ResourceDef, StrategyContext } from '../registry/types.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: Operation;
  def: ResourceDef;
  /** '' for the main resource. */
  subresource: string;
  namespace: string | undefined;
  name: string;
  /** The incoming object (mutable in `admit`). Undefined for DELETE. */
  object: KubeObject | undefined;
  oldObject: StoredObject | undefined;
  options?: DeleteOptions;
  ctx: StrategyContext;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase: may change `attributes.object`. Throws a StatusError to reject. */
  admit?(attributes: AdmissionAttributes): void;
  /** Validating phase, after the kind's own validation. Throws a StatusError to reject. */
  validate?(attributes: AdmissionAttributes): void;
}

export class AdmissionChain {
  constructor(readonly plugins: readonly AdmissionPlugin[]) {}

  admit(a: AdmissionAttributes): void {
    for (const p of this.plugins) p.admit?.(a);
  }

  validate(a: AdmissionAttributes): void {
    for (const p of this.plugins) p.validate?.(a);
  }
}
