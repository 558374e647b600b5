import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWindowSlot } from '../../../electron/desktop/window-slot.ts';

const countingWindow = () => {
  const window = { shown: 0, show: () => void window.shown++ };
  return window;
};

test('a second launch during start-up (before the window exists) shows the window once it does', () => {
  const slot = createWindowSlot<ReturnType<typeof countingWindow>>();
  slot.show();
  assert.equal(slot.current(), null);
  const window = countingWindow();
  slot.fill(window);
  assert.equal(window.shown, 1);
  slot.show();
  assert.equal(window.shown, 2);
});

test('without a request, filling the slot shows nothing (the window shows itself once painted)', () => {
  const slot = createWindowSlot<ReturnType<typeof countingWindow>>();
  const window = countingWindow();
  slot.fill(window);
  assert.equal(window.shown, 0);
  assert.equal(slot.current(), window);
});
