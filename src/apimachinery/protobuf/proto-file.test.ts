import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProtoFile, ProtoSyntaxError } from './proto-file.ts';

describe('parseProtoFile', () => {
  it('reads package, imports, messages and every field form', () => {
    const f = parseProtoFile(`syntax = "proto2";

package k8s.io.api.core.v1;

import "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto";

message ConfigMap {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional bool immutable = 4;
  map<string, string> data = 2;
  repeated KeyToPath items = 5;
}

message Empty {
}
`);
    assert.equal(f.package, 'k8s.io.api.core.v1');
    assert.deepEqual(f.imports, ['k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto']);
    assert.deepEqual(
      f.messages.map((m) => m.name),
      ['ConfigMap', 'Empty'],
    );
    assert.deepEqual(f.messages[0]!.fields, [
      { label: 'optional', type: '.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta', name: 'metadata', number: 1 },
      { label: 'optional', type: 'bool', name: 'immutable', number: 4 },
      { label: 'map', keyType: 'string', type: 'string', name: 'data', number: 2 },
      { label: 'repeated', type: 'KeyToPath', name: 'items', number: 5 },
    ]);
    assert.deepEqual(parseProtoFile('package p;\nmessage E {}\n').messages, [{ name: 'E', fields: [] }]);
  });

  it('fails loudly on anything outside the skeleton subset', () => {
    const bad = [
      'package p;\nmessage M {\n  optional string a = 1;\n  optional string b = 1;\n}',
      'package p;\nmessage M {\n  optional string a = 1 [deprecated = true];\n}',
      'package p;\nenum E { A = 0; }',
      'package p;\nmessage M {\n  optional string a = 1;\n',
      'message M {\n}',
    ];
    for (const text of bad) assert.throws(() => parseProtoFile(text, 'x.proto'), ProtoSyntaxError, text);
  });
});
