// What a PodSpec is validated as part of (upstream PodValidationOptions, reduced to the
// switches that differ between a Pod and a template in a 1.36 cluster).

export interface PodSpecValidationOptions {
  /** The spec belongs to a Pod (not a template): host ports must equal container ports with hostNetwork. */
  resourceIsPod: boolean;
  /** The Pod's name, when known: generic ephemeral volumes derive their claim names from it. */
  podName?: string;
}

export const TEMPLATE_OPTIONS: PodSpecValidationOptions = { resourceIsPod: false };
