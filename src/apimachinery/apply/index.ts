// The field manager the sandbox uses for managedFields and server-side apply.
export { structuredFieldManager as fieldManager } from './structured-field-manager.ts';
