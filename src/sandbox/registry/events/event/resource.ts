// Event (events.k8s.io/v1, pkg/registry/events): the same objects as core/v1 Events, converted
// on the way in and out; requests through this API get the strict validation.
import type { KubeObject } from '../../../../apimachinery/object.ts';
import type * as eventsv1 from '../../../../generated/k8s/events/v1.ts';
import { eventFields } from '../../core/event/fields.ts';
import { eventCells, eventColumns } from '../../core/event/printer.ts';
import type { Event as CoreEvent } from '../../core/event/types.ts';
import { validateEventLegacy, validateEventStrict, validateEventUpdateStrict } from '../../core/event/validation.ts';
import { defineResource } from '../../define.ts';
import { coreToEvents, eventsToCore } from './conversion.ts';

type Event = eventsv1.Event & { metadata: NonNullable<eventsv1.Event['metadata']> };

const asCore = (ev: Event) => eventsToCore(ev as KubeObject) as CoreEvent;

export const eventsV1EventResource = defineResource<Event>({
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  storage: { resource: 'events', toStorage: eventsToCore, fromStorage: coreToEvents },
  defaults(ev) {
    const e = ev as unknown as Record<string, unknown>;
    e.eventTime ??= null;
    e.regarding ??= {};
    e.deprecatedSource ??= {};
    e.deprecatedFirstTimestamp ??= null;
    e.deprecatedLastTimestamp ??= null;
  },
  strategy: {
    allowCreateOnUpdate: true,
    validate: (ev) => {
      const core = asCore(ev);
      return [...validateEventLegacy(core), ...validateEventStrict(core)];
    },
    validateUpdate: (ev, old) => {
      const core = asCore(ev);
      return [...validateEventLegacy(core), ...validateEventUpdateStrict(core, asCore(old))];
    },
  },
  printer: { columns: eventColumns, cells: (ev, ctx) => eventCells(asCore(ev), ctx) },
  fieldLabels: (ev) => {
    const f = eventFields(asCore(ev));
    return {
      reason: f.reason!,
      'regarding.kind': f['involvedObject.kind']!,
      'regarding.namespace': f['involvedObject.namespace']!,
      'regarding.name': f['involvedObject.name']!,
      'regarding.uid': f['involvedObject.uid']!,
      'regarding.apiVersion': f['involvedObject.apiVersion']!,
      'regarding.resourceVersion': f['involvedObject.resourceVersion']!,
      'regarding.fieldPath': f['involvedObject.fieldPath']!,
      reportingController: f.reportingComponent!,
      type: f.type!,
    };
  },
});
