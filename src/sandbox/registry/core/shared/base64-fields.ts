// []byte fields decode from base64 when the request is read: a bad value fails the whole request
// as Go's decoder does (`Secret in version "v1" cannot be handled as a Secret: illegal base64
// data at input byte 3`), before any validation.
import { badRequest } from '../../../../apimachinery/errors.ts';
import { base64Error } from './base64.ts';

export function checkBase64Map(kind: string, map: Record<string, string> | undefined): void {
  for (const value of Object.values(map ?? {})) {
    const err = base64Error(value);
    if (err) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${err}`);
  }
}
