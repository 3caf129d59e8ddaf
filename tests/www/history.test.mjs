// Undo steps of one cell and what a cell that names something carries once its typing is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History, cellStep } from '../../www/src/history.js';

test('a name typed a key at a time carries what it names once, from where it began to where it ended', () => {
  const history = new History();
  const carried = [];
  let value = '完成改造面积';
  const type = (next) => {
    const before = value;
    value = next;
    history.push(cellStep('n:3:name', before, next, (v) => { value = v; }, (from, to) => carried.push([from, to])));
  };
  for (const next of ['完成改造', '完', '', '改', '改造面积']) type(next);
  assert.deepEqual(carried, [], 'nothing while it is typed');
  history.seal();
  assert.deepEqual(carried, [['完成改造面积', '改造面积']]);
  history.seal();
  assert.equal(carried.length, 1, 'once');
  history.undo();
  assert.equal(value, '完成改造面积');
  assert.deepEqual(carried.at(-1), ['改造面积', '完成改造面积']);
  history.redo();
  assert.equal(value, '改造面积');
  assert.deepEqual(carried.at(-1), ['完成改造面积', '改造面积']);
  // Another cell's edit ends the run too; undone before it ended, nothing was carried to undo.
  carried.length = 0;
  type('改造面积（一期）');
  history.push(cellStep('n:4:actual', '', '5', () => {}));
  assert.deepEqual(carried, [['改造面积', '改造面积（一期）']]);
  carried.length = 0;
  type('甲');
  history.undo();
  assert.deepEqual(carried, []);
  assert.equal(value, '改造面积（一期）');
});

test('typing taken back with Esc leaves no step; Ctrl+Z then undoes the edit before it', () => {
  const history = new History();
  const cells = { reason: '偏差原因说明', actual: '90' };
  const type = (field, next) => {
    const before = cells[field];
    cells[field] = next;
    history.push(cellStep(`n:3:${field}`, before, next, (v) => { cells[field] = v; }));
  };
  type('actual', '95');
  history.seal();
  for (const next of ['偏差原因说明，', '偏差原因说明，已', '偏差原因说明']) type('reason', next); // Esc: as it was
  assert.equal(history.canUndo, true);
  history.undo();
  assert.deepEqual(cells, { reason: '偏差原因说明', actual: '90' }, 'the first undo undoes the 实际完成值');
  assert.equal(history.canUndo, false);
  history.redo();
  assert.equal(cells.actual, '95');
});
