// The sandbox scheduler's pure core: kube-scheduler's default profile as functions of plain
// objects. The scheduling loop (watching pods and nodes, binding, events, retries) builds a
// ClusterSnapshot, calls schedulePod for each pending pod and applies the result.
export { schedulePod, pickHost, wantsScheduling, ERR_NO_NODES_AVAILABLE, DEFAULT_SCHEDULER_NAME } from './schedule.ts';
export type { ScheduleResult, ScheduledResult, UnschedulableResult, GatedResult, ScheduleOptions } from './schedule.ts';
export { withAssumedPod, buildClusterState } from './snapshot.ts';
export type { ClusterSnapshot, ClusterState } from './snapshot.ts';
export { fitErrorMessage, truncateMessage, NOTE_LENGTH_LIMIT } from './fit-error.ts';
export type { FitError, Diagnosis, NodeToStatus } from './fit-error.ts';
export { victimCondition, preemptedEventMessage } from './preemption.ts';
export type { PreemptionPlan, PodRef } from './preemption.ts';
export type { NodeScoreDetail, PluginScore, Profile } from './framework.ts';
export type { Status, StatusCode } from './status.ts';
export { defaultProfile } from './profile.ts';
export { scheduledEventMessage } from './messages.ts';
