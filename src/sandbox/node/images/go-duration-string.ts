// Go's time.Duration.String for the durations the kubelet prints in events
// ("Successfully pulled image "nginx" in 2.4s (2.4s including waiting)"). The kubelet truncates
// pull durations to milliseconds, so input is whole milliseconds.

/** `0s`, `312ms`, `2.4s`, `1m2.503s`, `1h0m0s`, as Go formats a Duration. */
export function goDurationString(ms: number): string {
  const total = Math.trunc(ms);
  if (total === 0) return '0s';
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const secondsMs = abs % 60_000;
  const whole = Math.floor(secondsMs / 1000);
  const frac = String(secondsMs % 1000).padStart(3, '0').replace(/0+$/, '');
  const seconds = frac ? `${whole}.${frac}s` : `${whole}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}
