// Event texts the scheduling loop records, worded as upstream's scheduler.

/** The "Scheduled" event (Normal, action "Binding") after a successful bind. */
export function scheduledEventMessage(namespace: string, name: string, node: string): string {
  return `Successfully assigned ${namespace}/${name} to ${node}`;
}
