'use strict';
// A long-lived xmllint worker: xmllint-wasm starts a new worker thread and compiles its WebAssembly for every
// validation (~150 ms); this one compiles it once, keeps the schemas it was started with, and runs one xmllint per
// message (a few ms) in one WebAssembly memory, zeroed before each run, so every run starts from exactly the state a
// fresh instance has and memory stays flat. Messages are answered in order, one at a time.
const { readFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Module = require('xmllint-wasm/xmllint-node.js');

const compiled = new WebAssembly.Module(readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
const KEY = 'mpassid-harness-xmllint';
const { schemaFiles, args, initialPages, maxPages } = workerData;
const memory = new WebAssembly.Memory({ initial: initialPages, maximum: maxPages });
let queue = Promise.resolve();

function runOnce(xml) {
  new Uint8Array(memory.buffer).fill(0);
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
      // Fresh arrays every run: the Emscripten runtime consumes its options.
      inputFiles: [{ fileName: 'message.xml', contents: xml }, ...schemaFiles.map((f) => ({ ...f }))],
      arguments: [...args],
      wasmMemory: memory,
      instantiateWasm(imports, receive) {
        const instance = new WebAssembly.Instance(compiled, imports);
        receive(instance, compiled);
        return instance.exports;
      },
      print(text) { stdout += `${text}\n`; },
      printErr(text) { stderr += `${text}\n`; },
      onExit: (code) => finish(code),
      onAbort: (reason) => finish(-1, `WASM Abort: ${reason}`),
    }).catch((err) => finish(-1, String((err && err.message) || err)));
  });
}

parentPort.on('message', (message) => {
  if (!message || message[KEY] !== true) return;
  queue = queue.then(() => runOnce(message.xml)).then((result) => parentPort.postMessage({ [KEY]: true, id: message.id, result }));
});
