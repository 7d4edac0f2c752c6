// Go's %#v of the Service structs upstream puts in some messages (a duplicate port).
import { Rendered } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';

/** The key upstream uses to find duplicate ports: only protocol and port are set. */
export function goServicePortKey(protocol: string, port: number): Rendered {
  return new Rendered(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

/** A *string or *IPFamilyPolicy as a field value: nil prints as null. */
export function pointerValue(v: string | undefined): string | null {
  return v === undefined ? null : v;
}
