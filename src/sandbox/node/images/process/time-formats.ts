// Timestamp layouts of the programs the catalogue simulates, for `${time.<layout>}` in log
// templates. Containers run in UTC. Sub-millisecond digits are not simulated: layouts with
// microseconds take three extra digits from the caller (random, injected), so lines do not all end
// in "000" as no real log does.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function p2(n: number): string {
  return String(n).padStart(2, '0');
}
function p3(n: number): string {
  return String(n).padStart(3, '0');
}

export const TIME_LAYOUTS = {
  /** nginx error log: `2025/04/10 12:00:00` */
  nginx: (d: Date) => `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${hms(d)}`,
  /** Common Log Format, inside the brackets: `10/Apr/2025:12:00:00 +0000` */
  clf: (d: Date) => `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`,
  /** Redis: `10 Apr 2025 12:00:00.123` */
  redis: (d: Date) => `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)}.${p3(d.getUTCMilliseconds())}`,
  /** PostgreSQL log_line_prefix %m: `2025-04-10 12:00:00.123 UTC` */
  pg: (d: Date) => `${ymd(d)} ${hms(d)}.${p3(d.getUTCMilliseconds())} UTC`,
  /** PostgreSQL without milliseconds: `2025-04-10 12:00:00 UTC` */
  pgSeconds: (d: Date) => `${ymd(d)} ${hms(d)} UTC`,
  /** docker-library/mysql entrypoint: `2025-04-10 12:00:00+00:00` */
  mysqlEntrypoint: (d: Date) => `${ymd(d)} ${hms(d)}+00:00`,
  /** mysqld error log: `2025-04-10T12:00:00.123456Z` */
  mysql: (d: Date, micro: string) => `${ymd(d)}T${hms(d)}.${p3(d.getUTCMilliseconds())}${micro}Z`,
  /** RabbitMQ: `2025-04-10 12:00:00.123456+00:00` */
  rabbit: (d: Date, micro: string) => `${ymd(d)} ${hms(d)}.${p3(d.getUTCMilliseconds())}${micro}+00:00`,
  /** Apache httpd error log: `Thu Apr 10 12:00:00.123456 2025` */
  apache: (d: Date, micro: string) =>
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(d)}.${p3(d.getUTCMilliseconds())}${micro} ${d.getUTCFullYear()}`,
  /** RFC 3339 with milliseconds: `2025-04-10T12:00:00.123Z` */
  iso: (d: Date) => d.toISOString(),
  /** HTTP Date header: `Thu, 10 Apr 2025 12:00:00 GMT` */
  http: (d: Date) => d.toUTCString(),
  /** Unix seconds. */
  unix: (d: Date) => String(Math.floor(d.getTime() / 1000)),
} satisfies Record<string, (d: Date, micro: string) => string>;

export type TimeLayout = keyof typeof TIME_LAYOUTS;

export function isTimeLayout(name: string): name is TimeLayout {
  return Object.hasOwn(TIME_LAYOUTS, name);
}

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}
function hms(d: Date): string {
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
