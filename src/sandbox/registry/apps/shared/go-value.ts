// Go's %#v rendering of the typed values upstream passes to field.Invalid (a label selector, a
// label map, an IntOrString, a struct holding pointers), so "Invalid value: ..." reads as on a
// real cluster. JSON values are rendered by go-format.ts; these are the typed exceptions.
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { Rendered } from '../../../../apimachinery/field-errors.ts';
import type { LabelSelector } from '../../../../apimachinery/labels.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';

const sortedKeys = (m: Record<string, unknown>) => Object.keys(m).sort();

/** `map[string]string{"a":"b"}`, or `map[string]string(nil)` for an absent map. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  return `map[string]string{${sortedKeys(m)
    .map((k) => `${goQuote(k)}:${goQuote(m[k]!)}`)
    .join(', ')}}`;
}

function goStringSlice(v: readonly string[] | undefined): string {
  if (v === undefined) return '[]string(nil)';
  return `[]string{${v.map((s) => goQuote(s)).join(', ')}}`;
}

/** A dereferenced `*metav1.LabelSelector`: `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}`. */
export function goLabelSelectorText(sel: LabelSelector): string {
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** A label selector as a field error's bad value (`null` when nil, as upstream prints a nil pointer). */
export function goLabelSelector(sel: LabelSelector | undefined | null): Rendered {
  return new Rendered(sel ? goLabelSelectorText(sel) : 'null');
}

/** A label map as a field error's bad value. */
export function goLabels(m: Record<string, string> | undefined): Rendered {
  return new Rendered(goStringMap(m));
}

/** `intstr.IntOrString{Type:0, IntVal:1, StrVal:""}` (Type 0 is Int, 1 is String). */
export function goIntOrString(v: number | string | undefined): Rendered {
  if (typeof v === 'string') return new Rendered(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new Rendered(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

/**
 * A struct with pointer fields, as %#v prints it: `pkg.Type{A:(*intstr.IntOrString)(0xc000a1b000), B:(*T)(nil)}`.
 * Go prints heap addresses; we print stable stand-ins of the same shape.
 */
export function goPointerStruct(type: string, fields: ReadonlyArray<{ name: string; type: string; present: boolean }>): Rendered {
  let address = 0xc000a1b000;
  const parts = fields.map((f) => {
    address += 0x20;
    return `${f.name}:(*${f.type})(${f.present ? `0x${address.toString(16)}` : 'nil'})`;
  });
  return new Rendered(`${type}{${parts.join(', ')}}`);
}

/** `runtime.RawExtension{Raw:[]uint8{0x7b, 0x7d}, Object:runtime.Object(nil)}` for an embedded JSON value. */
export function goRawExtension(value: unknown): Rendered {
  if (value === undefined || value === null) return new Rendered('null');
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  const raw = [...bytes].map((b) => `0x${b.toString(16)}`).join(', ');
  return new Rendered(`runtime.RawExtension{Raw:[]uint8{${raw}}, Object:runtime.Object(nil)}`);
}

/** A dereferenced resource.Quantity: its String method has a pointer receiver, so %#v prints the struct. */
export function goQuantity(q: string | undefined): Rendered {
  if (q === undefined) return new Rendered('null');
  let value = q;
  let scale = 0;
  let format = 'DecimalSI';
  try {
    const parsed = Quantity.parse(q);
    value = String(parsed.mantissa);
    scale = parsed.exponent;
    format = parsed.format;
  } catch {
    // keep the raw text
  }
  return new Rendered(`resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:${goQuote(format)}}`);
}
