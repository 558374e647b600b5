import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportFailure, type ExportStage } from '../../../../electron/core/export/export-errors.ts';

const failure = (stage: ExportStage, code: string) => exportFailure(stage, Object.assign(new Error(code), { code }), 'contacts.csv');

test('each file system failure has its own kind and plain sentence', () => {
  const cases: [ExportStage, string, string, RegExp][] = [
    ['create-file', 'EACCES', 'permission-denied', /^Contact Desk can’t write to that folder\. Choose another folder, such as Documents\.$/],
    ['create-file', 'EPERM', 'permission-denied', /can’t write to that folder/],
    ['create-file', 'EROFS', 'permission-denied', /can’t write to that folder/],
    ['create-file', 'ENOENT', 'folder-missing', /folder you chose isn’t there any more/],
    ['create-file', 'ENOTDIR', 'folder-missing', /folder you chose isn’t there any more/],
    ['write', 'ENOSPC', 'disk-full', /^The disk is full/],
    ['write', 'EDQUOT', 'disk-full', /^The disk is full/],
    ['replace', 'EPERM', 'permission-denied', /“contacts\.csv” is open in another program/],
    ['replace', 'EBUSY', 'permission-denied', /“contacts\.csv” is open in another program/],
    ['create-file', 'ENAMETOOLONG', 'internal', /file name is too long/],
    ['replace', 'EISDIR', 'internal', /already a folder with that name/],
    ['write', 'EIO', 'internal', /couldn’t save the export\. Try again, or choose another folder\./],
    ['read-contacts', 'SQLITE_CORRUPT', 'internal', /couldn’t read the contacts saved on this computer/],
  ];
  for (const [stage, code, kind, message] of cases) {
    const error = failure(stage, code);
    assert.equal(error.kind, kind, `${stage} ${code}`);
    assert.match(error.message, message, `${stage} ${code}`);
  }
});

test('the sentence never carries the folder path, only the file name', () => {
  const error = exportFailure('replace', Object.assign(new Error('EPERM: /home/someone/secret/contacts.csv'), { code: 'EPERM' }), 'contacts.csv');
  assert.doesNotMatch(error.message, /home|secret/);
});
