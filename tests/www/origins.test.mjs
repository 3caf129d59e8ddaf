// The origins a framed calculator talks to (www/src/origins.js): compared as the browser
// writes an origin, so that a portal's address is not refused for its letters' case, and
// anything that is not an origin alone refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedOrigins } from '../../www/src/origins.js';

const OWN = 'https://calc.example.gov.cn';

test('an origin in any case, with its default port or a final slash, is the origin the browser reports', () => {
  const { allowed, refused } = allowedOrigins([
    'HTTP://Example.com',
    'https://Portal.Example.GOV.cn:443',
    'http://127.0.0.1:8080/',
    ' https://test.example.gov.cn ',
    'http://example.com', // the first one again
    'http://[::1]:8080',
  ], OWN);
  assert.deepEqual(allowed, ['http://example.com', 'https://portal.example.gov.cn', 'http://127.0.0.1:8080', 'https://test.example.gov.cn', 'http://[::1]:8080']);
  assert.deepEqual(refused, []);
});

test('what is not an origin alone is refused, as written', () => {
  const bad = ['*', 'https://portal.example.gov.cn/path', 'https://portal.example.gov.cn/?', 'https://portal.example.gov.cn#x',
    'https://user@portal.example.gov.cn', 'portal.example.gov.cn', 'file:///C:/portal.html', 'null', ''];
  const { allowed, refused } = allowedOrigins(['https://portal.example.gov.cn', ...bad], OWN);
  assert.deepEqual(allowed, ['https://portal.example.gov.cn']);
  assert.deepEqual(refused, bad);
});

test('none named: the calculator’s own origin alone; all refused: none', () => {
  assert.deepEqual(allowedOrigins([], OWN), { allowed: [OWN], refused: [] });
  assert.deepEqual(allowedOrigins(['*'], OWN), { allowed: [], refused: ['*'] });
});
