// Kubernetes' `$(VAR)` expansion (upstream third_party/forked/golang/expansion), used for env
// values, command/args and subPathExpr: `$(NAME)` becomes the variable's value when it is defined
// and stays as written otherwise, `$$` is an escaped `$`, an unclosed `$(` and any other `$x` are
// copied as they are.

/** Looks a name up in each map in turn; an unknown name expands to itself, `$(NAME)`. */
export function mappingFuncFor(...context: Array<Readonly<Record<string, string>> | ReadonlyMap<string, string>>): (name: string) => string {
  return (name) => {
    for (const vars of context) {
      const v = vars instanceof Map ? vars.get(name) : (vars as Readonly<Record<string, string>>)[name];
      if (v !== undefined && (vars instanceof Map || Object.prototype.hasOwnProperty.call(vars, name))) return v;
    }
    return `$(${name})`;
  };
}

export function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') {
      out += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) {
        out += '$(';
      } else {
        out += mapping(input.slice(cursor + 2, close));
        advance = close - cursor;
      }
    } else {
      out += '$' + next;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
