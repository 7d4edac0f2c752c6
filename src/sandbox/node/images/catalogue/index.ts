// Every image family the simulated registries hold. A repository not listed here does not exist
// (README.md, "Unknown images"): a typo in an image name always fails to pull.
import { demoAppFamily, privateDemoAppFamily } from './demo-app.ts';
import { httpdFamily } from './httpd.ts';
import { mysqlFamily } from './mysql.ts';
import { nginxFamily } from './nginx.ts';
import { distrolessStaticFamily, helloWorldFamily, pauseFamily } from './no-shell-images.ts';
import { postgresFamily } from './postgres.ts';
import { rabbitmqFamily } from './rabbitmq.ts';
import { redisFamily } from './redis.ts';
import { helloAppFamily, hpaExampleFamily, stressFamily } from './sample-apps.ts';
import { alpineFamily, busyboxFamily, curlFamily, debianFamily, k8sBusyboxFamily, ubuntuFamily } from './shell-images.ts';
import type { ImageFamily } from './types.ts';

export const CATALOGUE: readonly ImageFamily[] = [
  nginxFamily,
  httpdFamily,
  busyboxFamily,
  k8sBusyboxFamily,
  alpineFamily,
  debianFamily,
  ubuntuFamily,
  curlFamily,
  redisFamily,
  postgresFamily,
  mysqlFamily,
  rabbitmqFamily,
  demoAppFamily,
  privateDemoAppFamily,
  pauseFamily,
  distrolessStaticFamily,
  helloWorldFamily,
  helloAppFamily,
  hpaExampleFamily,
  stressFamily,
];
