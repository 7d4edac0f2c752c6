// Go's %v/%#v of the Event fields upstream's immutability errors print.
import { Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';

/** time.Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`; the zero time when unset. */
export function goTime(value: string | null | undefined): Rendered {
  if (!value) return new Rendered('0001-01-01 00:00:00 +0000 UTC');
  const d = new Date(value);
  const frac = /\.(\d+)/.exec(value)?.[1]?.replace(/0+$/, '');
  const iso = d.toISOString();
  return new Rendered(`${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`);
}

export function goObjectReference(r: corev1.ObjectReference | undefined | null): Rendered {
  const o = r ?? {};
  return new Rendered(
    `core.ObjectReference{Kind:${goQuote(o.kind ?? '')}, Namespace:${goQuote(o.namespace ?? '')}, Name:${goQuote(o.name ?? '')}, UID:${goQuote(o.uid ?? '')}, APIVersion:${goQuote(o.apiVersion ?? '')}, ResourceVersion:${goQuote(o.resourceVersion ?? '')}, FieldPath:${goQuote(o.fieldPath ?? '')}}`,
  );
}

export function goEventSource(s: corev1.EventSource | undefined | null): Rendered {
  return new Rendered(`core.EventSource{Component:${goQuote(s?.component ?? '')}, Host:${goQuote(s?.host ?? '')}}`);
}
