import * as Y from 'yjs';
const doc = new Y.Doc();
const rooms = doc.getMap('rooms');
rooms.set('a', new Y.Map());
const sv = Y.encodeStateVector(doc);
doc.transact(() => {
  const m = new Y.Map(); rooms.set('b', m); m.set('name', 'B');
  rooms.set('a', new Y.Map());
  doc.getArray('statuses').push([{ id: 'x' }, { id: 'y' }]);
  doc.getArray('statuses').push([{ id: 'z' }]);
});
const u = Y.encodeStateAsUpdate(doc, sv);
const { structs, ds } = Y.decodeUpdate(u);
for (const s of structs) {
  const i = s as any;
  console.log(s.constructor.name, i.id, 'parent', i.parent, 'sub', i.parentSub, 'origin', i.origin, 'ro', i.rightOrigin, i.content?.constructor.name, i.length);
}
console.log(ds);
