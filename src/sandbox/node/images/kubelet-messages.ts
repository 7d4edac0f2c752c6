// The kubelet's image events and waiting messages (pkg/kubelet/images/image_manager.go, 1.36),
// built from the container's `image` field as written (`%q` of it). Events are recorded on the
// pod with the container's field path; reasons and types are given with each text.
import { goQuote } from '../../../apimachinery/go-format.ts';
import { goDurationString } from './go-duration-string.ts';

export interface ImageEvent {
  type: 'Normal' | 'Warning';
  reason: 'Pulling' | 'Pulled' | 'Failed' | 'BackOff' | 'InspectFailed' | 'ErrImageNeverPull';
  message: string;
}

export const imageEvents = {
  pulling: (image: string): ImageEvent => ({ type: 'Normal', reason: 'Pulling', message: `Pulling image ${goQuote(image)}` }),

  /** `pullMs`: the pull itself; `totalMs`: including the wait for the node's serialized puller. Truncated to ms as the kubelet does. */
  pulled: (image: string, pullMs: number, totalMs: number, sizeBytes: number): ImageEvent => ({
    type: 'Normal',
    reason: 'Pulled',
    message: `Successfully pulled image ${goQuote(image)} in ${goDurationString(pullMs)} (${goDurationString(totalMs)} including waiting). Image size: ${sizeBytes} bytes.`,
  }),

  alreadyPresent: (image: string): ImageEvent => ({
    type: 'Normal',
    reason: 'Pulled',
    message: `Container image ${goQuote(image)} already present on machine and can be accessed by the pod`,
  }),

  /** Followed by `Error: ErrImagePull` (errorEvent). */
  failed: (image: string, containerdMessage: string): ImageEvent => ({
    type: 'Warning',
    reason: 'Failed',
    message: `Failed to pull image ${goQuote(image)}: ${containerdMessage}`,
  }),

  backOff: (image: string): ImageEvent => ({ type: 'Normal', reason: 'BackOff', message: `Back-off pulling image ${goQuote(image)}` }),

  /** The `InvalidImageName` case: the message is parseImageReference's. */
  inspectFailed: (message: string): ImageEvent => ({ type: 'Warning', reason: 'InspectFailed', message }),

  neverPull: (image: string): ImageEvent => ({
    type: 'Warning',
    reason: 'ErrImageNeverPull',
    message: `Container image ${goQuote(image)} is not present with pull policy of Never`,
  }),

  /** `Error: ErrImagePull`, `Error: ImagePullBackOff`, `Error: InvalidImageName`, `Error: ErrImageNeverPull`. */
  error: (reason: string): ImageEvent => ({ type: 'Warning', reason: 'Failed', message: `Error: ${reason}` }),
};

/** The waiting message while in ImagePullBackOff: the back-off line with the last pull error. */
export function imagePullBackOffMessage(image: string, containerdMessage: string): string {
  return `Back-off pulling image ${goQuote(image)}: ErrImagePull: ${containerdMessage}`;
}
