// Copying a field from the stored object into the incoming one (status on the main endpoint,
// spec on /status). Stored objects are shared and may be frozen, so the value is cloned.
import { deepClone } from '../../../../apimachinery/object.ts';

export function carryOver<T extends object, K extends keyof T>(target: T, source: T, key: K): void {
  const value = source[key];
  if (value === undefined) delete target[key];
  else target[key] = deepClone(value);
}
