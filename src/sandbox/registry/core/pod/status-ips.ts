// The v1 round trip of a pod's addresses (Convert_v1_PodStatus_To_core_PodStatus and back): a
// writer may set only podIP (or hostIP); the API then reports podIPs with it, and podIP always
// equals podIPs[0].
import type * as core from '../../../../generated/k8s/core/v1.ts';

export function convertStatusIPs(status: core.PodStatus): void {
  if (!status.podIPs?.length && status.podIP) status.podIPs = [{ ip: status.podIP }];
  if (status.podIPs?.length) status.podIP = status.podIPs[0]!.ip;
  if (!status.hostIPs?.length && status.hostIP) status.hostIPs = [{ ip: status.hostIP }];
  if (status.hostIPs?.length) status.hostIP = status.hostIPs[0]!.ip;
}
