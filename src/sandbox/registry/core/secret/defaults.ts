// SetDefaults_Secret plus the v1 conversion that folds stringData into data (stringData wins)
// so that stringData is never stored or returned.
import { checkBase64Map } from '../shared/base64-fields.ts';
import type { Secret } from './types.ts';

export function setSecretDefaults(secret: Secret): void {
  checkBase64Map('Secret', secret.data);
  if (secret.stringData && Object.keys(secret.stringData).length) {
    const data = { ...secret.data };
    for (const [k, v] of Object.entries(secret.stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    secret.data = data;
  }
  delete secret.stringData;
  if (!secret.type) secret.type = 'Opaque';
}
