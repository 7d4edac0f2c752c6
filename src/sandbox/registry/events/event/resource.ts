// Event (events.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/events/v1.ts';
import { defineResource } from '../../define.ts';

type Event = api.Event & { metadata: NonNullable<api.Event['metadata']> };

export const eventsV1EventResource = defineResource<Event>({
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
});
