'use strict';
// A long-lived xmllint worker: xmllint-wasm starts a new worker thread and compiles its WebAssembly for every
// validation (~150 ms); this one compiles it once and runs one xmllint per message (a few ms). Each run gets a
// fresh instance and file system, so no state carries over. Messages are answered in order, one at a time.
const { readFileSync } = require('node:fs');
const { parentPort } = require('node:worker_threads');
const Module = require('xmllint-wasm/xmllint-node.js');

const compiled = new WebAssembly.Module(readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
const KEY = 'mpassid-harness-xmllint';
let queue = Promise.resolve();

function runOnce(request) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (exitCode, override) => {
      if (done) return;
      done = true;
      resolve({ exitCode, stdout, stderr: override ?? stderr });
    };
    Module({
      inputFiles: request.inputFiles,
      arguments: request.args,
      wasmMemory: new WebAssembly.Memory({ initial: request.initialMemory, maximum: request.maxMemory }),
      instantiateWasm(imports, receive) {
        const instance = new WebAssembly.Instance(compiled, imports);
        receive(instance, compiled);
        return instance.exports;
      },
      print(text) { stdout += `${text}\n`; },
      printErr(text) { stderr += `${text}\n`; },
      onExit: (code) => finish(code),
      onAbort: (reason) => finish(-1, `WASM Abort: ${reason}`),
    }).catch((err) => finish(-1, String(err && err.message || err)));
  });
}

parentPort.on('message', (message) => {
  if (!message || message[KEY] !== true) return;
  queue = queue.then(() => runOnce(message.request)).then((result) => parentPort.postMessage({ [KEY]: true, id: message.id, result }));
});
