// Every restricted check against crafted pods, with upstream's exact reasons and details.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { allowPrivilegeEscalation } from './allow-privilege-escalation.ts';
import { capabilitiesRestricted } from './capabilities-restricted.ts';
import { procMountRestricted } from './proc-mount.ts';
import { restrictedVolumes } from './restricted-volumes.ts';
import { runAsNonRoot } from './run-as-non-root.ts';
import { runAsUser } from './run-as-user.ts';
import { seccompProfileRestricted } from './seccomp-profile-restricted.ts';
import { allowed, forbidden, run, spec } from './testing.ts';

const LATEST = 35;
const compliant: corev1.SecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

describe('restricted checks', () => {
  it('allowPrivilegeEscalation, Windows pods exempt from v1.25', () => {
    assert.deepEqual(
      run(allowPrivilegeEscalation, LATEST, spec([{}, { securityContext: { allowPrivilegeEscalation: true } }, { securityContext: compliant }])),
      forbidden('allowPrivilegeEscalation != false', 'containers "c0", "c1" must set securityContext.allowPrivilegeEscalation=false'),
    );
    const windows = spec([{}], { os: { name: 'windows' } });
    assert.deepEqual(run(allowPrivilegeEscalation, LATEST, windows), allowed);
    assert.equal(run(allowPrivilegeEscalation, 24, windows).allowed, false);
  });

  it('capabilities_restricted: drop ALL, add at most NET_BIND_SERVICE', () => {
    assert.deepEqual(run(capabilitiesRestricted, LATEST, spec([{ securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }])), allowed);
    assert.deepEqual(
      run(capabilitiesRestricted, LATEST, spec([{}, { securityContext: { capabilities: { drop: ['NET_RAW'], add: ['SYS_TIME', 'CHOWN'] } } }])),
      forbidden(
        'unrestricted capabilities',
        'containers "c0", "c1" must set securityContext.capabilities.drop=["ALL"]; container "c1" must not include "CHOWN", "SYS_TIME" in securityContext.capabilities.add',
      ),
    );
  });

  it('procMount_restricted: no user-namespace relaxation', () => {
    assert.deepEqual(
      run(procMountRestricted, LATEST, spec([{ securityContext: { procMount: 'Unmasked' } }], { hostUsers: false })),
      forbidden('procMount', 'container "c0" must not set securityContext.procMount to "Unmasked"'),
    );
  });

  it('restrictedVolumes: only the allowed volume types', () => {
    const volumes: corev1.Volume[] = [
      { name: 'cfg', configMap: { name: 'cfg' } },
      { name: 'logs', hostPath: { path: '/var/log' } },
      { name: 'share', nfs: { server: 'nfs', path: '/' } },
      { name: 'img', image: { reference: 'busybox' } },
    ];
    assert.deepEqual(run(restrictedVolumes, LATEST, spec([{}], { volumes })), forbidden('restricted volume types', 'volumes "logs", "share" use restricted volume types "hostPath", "nfs"'));
    assert.deepEqual(
      run(restrictedVolumes, LATEST, spec([{}], { volumes: [{ name: 'git', gitRepo: { repository: 'x' } }] })),
      forbidden('restricted volume types', 'volume "git" uses restricted volume type "gitRepo"'),
    );
  });

  it('runAsNonRoot: explicit false first, then unset containers', () => {
    assert.deepEqual(run(runAsNonRoot, LATEST, spec([{}, {}], { securityContext: { runAsNonRoot: true } })), allowed);
    assert.deepEqual(
      run(runAsNonRoot, LATEST, spec([{}, { securityContext: { runAsNonRoot: false } }], { securityContext: { runAsNonRoot: false } })),
      forbidden('runAsNonRoot != true', 'pod and container "c1" must not set securityContext.runAsNonRoot=false'),
    );
    assert.deepEqual(
      run(runAsNonRoot, LATEST, spec([{}, { securityContext: { runAsNonRoot: true } }, {}])),
      forbidden('runAsNonRoot != true', 'pod or containers "c0", "c2" must set securityContext.runAsNonRoot=true'),
    );
    assert.deepEqual(run(runAsNonRoot, LATEST, spec([{}], { hostUsers: false })), allowed);
    assert.equal(run(runAsNonRoot, 34, spec([{}], { hostUsers: false })).allowed, false);
  });

  it('runAsUser: never 0 (from v1.23)', () => {
    assert.deepEqual(
      run(runAsUser, LATEST, spec([{ securityContext: { runAsUser: 0 } }, { securityContext: { runAsUser: 1000 } }], { securityContext: { runAsUser: 0 } })),
      forbidden('runAsUser=0', 'pod and container "c0" must not set runAsUser=0'),
    );
    assert.throws(() => run(runAsUser, 22, spec([{}])), /no revision/);
  });

  it('seccompProfile_restricted: RuntimeDefault or Localhost at pod level or on every container', () => {
    assert.deepEqual(run(seccompProfileRestricted, LATEST, spec([{}], { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })), allowed);
    assert.deepEqual(
      run(seccompProfileRestricted, LATEST, spec([{}, { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }])),
      forbidden('seccompProfile', 'pod or container "c0" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"'),
    );
    assert.deepEqual(
      run(seccompProfileRestricted, LATEST, spec([{ securityContext: { seccompProfile: { type: 'Unconfined' } } }], { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })),
      forbidden('seccompProfile', 'container "c0" must not set securityContext.seccompProfile.type to "Unconfined"'),
    );
    assert.deepEqual(run(seccompProfileRestricted, LATEST, spec([{}], { os: { name: 'windows' } })), allowed);
  });
});
