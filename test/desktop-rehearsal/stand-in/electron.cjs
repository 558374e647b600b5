// What require('electron') answers in the rehearsal's app process (see register.ts): the stand-in,
// as one strict object, so a member it does not offer fails loudly with the API's name.
/* global module, require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose: require('electron') must return this object itself
module.exports = require('./electron.ts').electron;
