// What outlives a single container of a cluster's pods, in memory: each node's own filesystem
// (hostPath), each PersistentVolume's contents (by its hostPath/local path, else by PV name and
// uid: they survive the pod and follow the claim to any node), each image's read-only lower layer (shared by its containers), pod IPs,
// and per pod uid its mounted volumes and the kubelet's pod directory (etc-hosts & co.) until
// tearDown.
import type { FileSystem } from '../../fs/types.ts';
import { MemoryFs } from '../../fs/memory-fs.ts';
import type { ImageVariant } from '../../images/catalogue/types.ts';
import { writeImageFiles } from '../../images/image-files.ts';
import { nodeFilesystem, type NodeFilesystem } from './host-path.ts';
import { PodIPAllocator } from './pod-ip-allocator.ts';

export interface MountedVolume {
  fs: FileSystem;
  /** The directory inside `fs` that is the volume (a hostPath's path on the node; `/` otherwise). */
  root: string;
  /** The plugin mounts it read-only whatever the volumeMount says (configMap, secret, ...). */
  readOnly: boolean;
  source: string;
  fsType: string;
  /** configMap/secret/downwardAPI/projected: what was projected, to re-project on change. */
  projected?: { content: string; tokens: Map<string, string>; defaultMode: number };
  /** An emptyDir with medium Memory (its bytes count as the pod's memory). */
  memory?: boolean;
}

export interface PodState {
  uid: string;
  nodeName: string;
  nodeIP: string;
  volumes: Map<string, MountedVolume>;
  /** The kubelet's pod directory: etc-hosts, hostname, resolv.conf. */
  podDir: MemoryFs;
}

export class VolumeData {
  readonly ips = new PodIPAllocator();
  readonly pods = new Map<string, PodState>();
  private readonly nodes = new Map<string, NodeFilesystem>();
  private readonly pvs = new Map<string, MemoryFs>();

  constructor() {}

  node(name: string, ip: string, now: () => number): NodeFilesystem {
    let n = this.nodes.get(name);
    if (!n) this.nodes.set(name, (n = nodeFilesystem(name, ip, now)));
    return n;
  }

  /** A PV's contents, by volume-setup's persistentVolumeDataKey. */
  persistentVolume(key: string, now: () => number, rootMode: number): MemoryFs {
    let fs = this.pvs.get(key);
    if (!fs) this.pvs.set(key, (fs = new MemoryFs({ now, rootMode })));
    return fs;
  }

  /** The image's files: the read-only lower layer of every container of that image. */
  imageLayer(variant: ImageVariant): MemoryFs {
    return imageLayer(variant);
  }
}

/** When the catalogue's images were built: the mtime of their files (`ls -l /bin`). */
export const IMAGE_BUILD_TIME = Date.UTC(2025, 9, 14, 12, 0, 0);

/**
 * One lower layer per image for the whole process: overlayfs never writes it (changes go to each
 * container's upper layer), so clusters share it as nodes share an unpacked image.
 */
const layers = new WeakMap<ImageVariant, MemoryFs>();

function imageLayer(variant: ImageVariant): MemoryFs {
  let fs = layers.get(variant);
  if (!fs) {
    fs = new MemoryFs({ now: () => IMAGE_BUILD_TIME, limitBytes: 1024 * 1024 * 1024 });
    writeImageFiles(fs, variant);
    layers.set(variant, fs);
  }
  return fs;
}
