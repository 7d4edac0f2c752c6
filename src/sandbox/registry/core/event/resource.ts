// Event (core/v1, pkg/registry/core/event): the legacy Event API, stored once and also served as
// events.k8s.io/v1 (registry/events/event). Names are only checked as path segments.
import { defineResource } from '../../define.ts';
import { setEventZeroValues } from './defaults.ts';
import { eventFields } from './fields.ts';
import { eventPrinter } from './printer.ts';
import type { Event } from './types.ts';
import { validateEventLegacy } from './validation.ts';

export const eventResource = defineResource<Event>({
  group: '',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  nameValidation: 'path-segment',
  defaults: setEventZeroValues,
  strategy: {
    allowCreateOnUpdate: true,
    validate: (ev) => validateEventLegacy(ev),
    validateUpdate: (ev) => validateEventLegacy(ev),
  },
  printer: eventPrinter,
  fieldLabels: eventFields,
});
