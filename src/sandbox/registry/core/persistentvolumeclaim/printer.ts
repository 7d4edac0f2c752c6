// The PersistentVolumeClaim table (printPersistentVolumeClaim).
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { TablePrinter } from '../../types.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import { accessModesString, BETA_STORAGE_CLASS_ANNOTATION } from '../shared/volumes.ts';
import type { PersistentVolumeClaim } from './types.ts';

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';
}

export const persistentVolumeClaimPrinter: TablePrinter<PersistentVolumeClaim> = {
  columns: [
    nameColumn,
    column('Status', 'string', swaggerDoc('PersistentVolumeClaimStatus', 'phase')),
    column('Volume', 'string', swaggerDoc('PersistentVolumeClaimSpec', 'volumeName')),
    column('Capacity', 'string', swaggerDoc('PersistentVolumeClaimStatus', 'capacity')),
    column('Access Modes', 'string', swaggerDoc('PersistentVolumeClaimStatus', 'accessModes')),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    column('VolumeMode', 'string', swaggerDoc('PersistentVolumeClaimSpec', 'volumeMode'), 1),
  ],
  cells: (pvc, ctx) => {
    const volume = pvc.spec?.volumeName ?? '';
    return [
      pvc.metadata.name,
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      volume,
      volume ? (pvc.status?.capacity?.storage ?? '0') : '',
      volume ? accessModesString(pvc.status?.accessModes) : '',
      claimClass(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc.metadata.creationTimestamp, ctx.now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};
