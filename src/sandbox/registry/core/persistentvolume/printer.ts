// The PersistentVolume table (printPersistentVolume).
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import { accessModesString, BETA_STORAGE_CLASS_ANNOTATION } from '../shared/volumes.ts';
import type { PersistentVolume } from './types.ts';

/** GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
export function persistentVolumeClass(pv: PersistentVolume): string {
  return pv.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? '';
}

export const persistentVolumePrinter: TablePrinter<PersistentVolume> = {
  columns: [
    nameColumn,
    column('Capacity', 'string', swaggerDoc('PersistentVolumeSpec', 'capacity')),
    column('Access Modes', 'string', swaggerDoc('PersistentVolumeSpec', 'accessModes')),
    column('Reclaim Policy', 'string', swaggerDoc('PersistentVolumeSpec', 'persistentVolumeReclaimPolicy')),
    column('Status', 'string', swaggerDoc('PersistentVolumeStatus', 'phase')),
    column('Claim', 'string', swaggerDoc('PersistentVolumeSpec', 'claimRef')),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', swaggerDoc('PersistentVolumeStatus', 'reason')),
    ageColumn,
    column('VolumeMode', 'string', swaggerDoc('PersistentVolumeSpec', 'volumeMode'), 1),
  ],
  cells: (pv, ctx) => {
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata.name,
      pv.spec?.capacity?.storage ?? '0',
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      persistentVolumeClass(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv.metadata.creationTimestamp, ctx.now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};
