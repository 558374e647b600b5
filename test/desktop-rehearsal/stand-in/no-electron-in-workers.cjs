// Worker threads of the main process get no Electron API in the rehearsal: the app's workers must
// not need it (they run the core, which never imports electron).
throw new Error("rehearsal: a worker thread required 'electron'; the app's workers must not use Electron's API.");
