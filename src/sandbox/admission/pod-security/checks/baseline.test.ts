// Every baseline check against crafted pods, with upstream's exact reasons and details.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appArmorProfile } from './app-armor-profile.ts';
import { capabilitiesBaseline } from './capabilities-baseline.ts';
import { hostNamespaces } from './host-namespaces.ts';
import { hostPathVolumes } from './host-path-volumes.ts';
import { hostPorts } from './host-ports.ts';
import { hostProbesAndHostLifecycle } from './host-probes-and-host-lifecycle.ts';
import { privileged } from './privileged.ts';
import { procMount } from './proc-mount.ts';
import { seLinuxOptions } from './se-linux-options.ts';
import { seccompProfileBaseline } from './seccomp-profile-baseline.ts';
import { sysctls } from './sysctls.ts';
import { allowed, forbidden, run, spec } from './testing.ts';
import { windowsHostProcess } from './windows-host-process.ts';

const LATEST = 35;

describe('baseline checks', () => {
  it('appArmorProfile: Unconfined profiles and annotations', () => {
    assert.deepEqual(run(appArmorProfile, LATEST, spec([{ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }])), allowed);
    assert.deepEqual(
      run(appArmorProfile, LATEST, spec([{ securityContext: { appArmorProfile: { type: 'Unconfined' } } }, {}], { securityContext: { appArmorProfile: { type: 'Unconfined' } } })),
      forbidden('forbidden AppArmor profile', 'pod and container "c0" must not set AppArmor profile type to "Unconfined"'),
    );
    assert.deepEqual(
      run(appArmorProfile, LATEST, spec([{}]), { annotations: { 'container.apparmor.security.beta.kubernetes.io/c0': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/c1': 'localhost/x' } }),
      forbidden('forbidden AppArmor profile', 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c0="unconfined""'),
    );
  });

  it('capabilities_baseline: only the default set may be added', () => {
    assert.deepEqual(run(capabilitiesBaseline, LATEST, spec([{ securityContext: { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE'] } } }])), allowed);
    assert.deepEqual(
      run(capabilitiesBaseline, LATEST, spec([{ securityContext: { capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } } }, { securityContext: { capabilities: { add: ['NET_RAW'] } } }])),
      forbidden('non-default capabilities', 'containers "c0", "c1" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add'),
    );
  });

  it('hostNamespaces', () => {
    assert.deepEqual(run(hostNamespaces, LATEST, spec([{}], { hostNetwork: true, hostPID: true, hostIPC: false })), forbidden('host namespaces', 'hostNetwork, hostPID'));
    assert.deepEqual(run(hostNamespaces, LATEST, spec([{}], { hostNetwork: false })), allowed);
  });

  it('hostPathVolumes', () => {
    assert.deepEqual(
      run(hostPathVolumes, LATEST, spec([{}], { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'tmp', emptyDir: {} }] })),
      forbidden('hostPath volumes', 'volume "logs"'),
    );
  });

  it('hostPorts', () => {
    assert.deepEqual(
      run(hostPorts, LATEST, spec([{ ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 443, hostPort: 443 }] }, { ports: [{ containerPort: 9090 }] }])),
      forbidden('hostPort', 'container "c0" uses hostPorts 443, 8080'),
    );
  });

  it('hostProbesAndHostLifecycle (from v1.34)', () => {
    const s = spec([
      { livenessProbe: { httpGet: { host: 'example.com', port: 80 } } },
      { readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 80 } }, lifecycle: { preStop: { httpGet: { host: 'example.com', port: 80 } } } },
    ]);
    assert.deepEqual(run(hostProbesAndHostLifecycle, LATEST, s), forbidden('probe or lifecycle host', 'containers "c0", "c1" use probe or lifecycle hosts "10.0.0.1", "example.com"'));
    assert.deepEqual(run(hostProbesAndHostLifecycle, LATEST, spec([{ livenessProbe: { httpGet: { port: 80 } } }])), allowed);
    assert.throws(() => run(hostProbesAndHostLifecycle, 33, s), /no revision at v1.33/);
  });

  it('privileged', () => {
    assert.deepEqual(
      run(privileged, LATEST, spec([{ securityContext: { privileged: true } }, { securityContext: { privileged: false } }], { initContainers: [{ name: 'init', securityContext: { privileged: true } }] })),
      forbidden('privileged', 'containers "init", "c0" must not set securityContext.privileged=true'),
    );
  });

  it('procMount, relaxed for user-namespaced pods from v1.35', () => {
    const unmasked = spec([{ securityContext: { procMount: 'Unmasked' } }, { securityContext: { procMount: 'Default' } }]);
    assert.deepEqual(run(procMount, LATEST, unmasked), forbidden('procMount', 'container "c0" must not set securityContext.procMount to "Unmasked"'));
    assert.deepEqual(run(procMount, LATEST, { ...unmasked, hostUsers: false }), allowed);
    assert.deepEqual(run(procMount, 34, { ...unmasked, hostUsers: false }), forbidden('procMount', 'container "c0" must not set securityContext.procMount to "Unmasked"'));
  });

  it('seLinuxOptions, with container_engine_t from v1.31', () => {
    const engine = spec([{ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }]);
    assert.deepEqual(run(seLinuxOptions, LATEST, engine), allowed);
    assert.deepEqual(run(seLinuxOptions, 30, engine), forbidden('seLinuxOptions', 'container "c0" set forbidden securityContext.seLinuxOptions: type "container_engine_t"'));
    assert.deepEqual(
      run(seLinuxOptions, LATEST, spec([{ securityContext: { seLinuxOptions: { type: 'spc_t', user: 'root' } } }], { securityContext: { seLinuxOptions: { role: 'sysadm_r' } } })),
      forbidden('seLinuxOptions', 'pod and container "c0" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set'),
    );
    // As upstream: without a forbidden type the detail names nothing.
    assert.deepEqual(run(seLinuxOptions, LATEST, spec([{ securityContext: { seLinuxOptions: { user: 'root' } } }])), forbidden('seLinuxOptions', 'container "c0" set forbidden securityContext.seLinuxOptions: '));
  });

  it('seccompProfile_baseline: Unconfined fields from v1.19, annotations before', () => {
    assert.deepEqual(run(seccompProfileBaseline, LATEST, spec([{}])), allowed);
    assert.deepEqual(
      run(seccompProfileBaseline, LATEST, spec([{ securityContext: { seccompProfile: { type: 'Unconfined' } } }], { securityContext: { seccompProfile: { type: 'Unconfined' } } })),
      forbidden('seccompProfile', 'pod and container "c0" must not set securityContext.seccompProfile.type to "Unconfined"'),
    );
    assert.deepEqual(
      run(seccompProfileBaseline, 18, spec([{}]), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/c0': 'runtime/default' } }),
      forbidden('seccompProfile', 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"'),
    );
  });

  it('sysctls: the safe list grows with the version', () => {
    const s = spec([{}], { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }, { name: 'kernel.msgmax', value: '1' }] } });
    assert.deepEqual(run(sysctls, LATEST, s), forbidden('forbidden sysctls', 'kernel.msgmax'));
    assert.deepEqual(run(sysctls, 31, s), forbidden('forbidden sysctls', 'net.ipv4.tcp_rmem, kernel.msgmax'));
  });

  it('windowsHostProcess', () => {
    assert.deepEqual(
      run(windowsHostProcess, LATEST, spec([{ securityContext: { windowsOptions: { hostProcess: true } } }], { securityContext: { windowsOptions: { hostProcess: true } } })),
      forbidden('hostProcess', 'pod and container "c0" must not set securityContext.windowsOptions.hostProcess=true'),
    );
  });
});
