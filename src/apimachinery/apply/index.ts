// The field manager the sandbox uses for managedFields and server-side apply.
export { simpleFieldManager as fieldManager } from './simple-field-manager.ts';
