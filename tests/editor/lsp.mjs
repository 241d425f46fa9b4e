// Drives yaml-language-server (what VS Code's YAML extension, Neovim and
// Helix run) over stdio, as an editor does, against the analysis `sroi init`
// writes: the schema is found through the file's first line
// (`# yaml-language-server: $schema=sroi.schema.json`), nothing is configured
// by hand. Checks what a bid writer sees while typing:
// - hover on `deadweight` explains it, once, with the shared percentage rule;
// - completion inside an outcome offers the outcome's keys with their
//   descriptions, and never `schedule` beside `quantity` (or `quantity`,
//   `duration` and `drop_off` beside `schedule`);
// - diagnostics that say what is wrong: `125%`, `lots` and a bare `25` for a
//   percentage, `schedule` together with `quantity`, a duration over 50 years,
//   an input with both `amount` and `hours`, `excluded: yes`, a misspelt key; and none at all
//   on the example as written.
// - hover on every key of the examples shows its own title, once, and a
//   description.
// (The percentage rule itself, `25%` or `0.25` from 0% to 100%, is in the
// messages: a description on the shared def would replace each key's own.)
// Usage: node lsp.mjs DIR   (DIR holds analysis.yaml and sroi.schema.json
// from `sroi init DIR`, and the commissioning examples from `sroi init
// --returns DIR` if they are to be checked too). Exits 1 on a failed check,
// printing each one.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node lsp.mjs DIR   (a folder written by `sroi init DIR`)');
  process.exit(2);
}
const example = readFileSync(join(dir, 'analysis.yaml'), 'utf8');
const uriOf = (name) => pathToFileURL(resolve(dir, name)).href;

// ---- JSON-RPC over stdio, with LSP's Content-Length framing ----
const require = createRequire(import.meta.url);
const serverPath = join(dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
const server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
// The editor's settings: no schema store (it would fetch a catalogue from the
// network), every feature on. The schema comes from the modeline alone.
const settings = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  },
};
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const diagnosticWaiters = [];
let buffer = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolvePromise, reject) => pending.set(id, { resolve: resolvePromise, reject, method }));
}
const notify = (method, params) => send({ method, params });

function onMessage(message) {
  if (message.id !== undefined && message.method === undefined) {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
    else waiting.resolve(message.result);
  } else if (message.id !== undefined) {
    // A request from the server: answer as an editor would.
    let result = null;
    if (message.method === 'workspace/configuration') {
      result = message.params.items.map((item) => (item.section === 'yaml' ? settings.yaml : {}));
    }
    send({ id: message.id, result });
  } else if (message.method === 'textDocument/publishDiagnostics') {
    diagnostics.set(message.params.uri, message.params.diagnostics);
    for (const waiter of diagnosticWaiters.splice(0)) waiter();
  }
}
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headerEnd + 4 + length);
    onMessage(JSON.parse(body));
  }
});
server.on('exit', (code) => {
  if (pending.size > 0) {
    console.error(`yaml-language-server exited (${code}) with requests unanswered`);
    process.exit(1);
  }
});

/// Opens a document and waits for its diagnostics (the server validates
/// every opened document once its schema is loaded).
async function open(name, text) {
  const uri = uriOf(name);
  diagnostics.delete(uri);
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  while (!diagnostics.has(uri)) await new Promise((wake) => diagnosticWaiters.push(wake));
  return uri;
}

/// The position of `needle` in `text` (its n-th occurrence), plus `shift` characters.
function positionOf(text, needle, { nth = 1, shift = 0 } = {}) {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`the test's document has no ${JSON.stringify(needle)} (occurrence ${nth})`);
  }
  at += shift;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

const failures = [];
function check(condition, what, detail) {
  if (condition) {
    console.log(`ok   ${what}`);
  } else {
    console.log(`FAIL ${what}`);
    if (detail !== undefined) console.log(`     ${String(detail).replaceAll('\n', '\n     ')}`);
    failures.push(what);
  }
}
const count = (haystack, needle) => haystack.split(needle).length - 1;

/// Replaces the first occurrence of `from` in `text`, which must be there.
function edit(text, from, to) {
  if (!text.includes(from)) throw new Error(`the example no longer has ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

const timeout = setTimeout(() => {
  console.error('yaml-language-server did not answer within 60 s');
  process.exit(1);
}, 60_000);

try {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(resolve(dir)).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        publishDiagnostics: {},
      },
    },
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings });

  // 1. The example as `sroi init` writes it is clean.
  const exampleUri = await open('analysis.yaml', example);
  const clean = diagnostics.get(exampleUri);
  check(clean.length === 0, 'the example `sroi init` writes has no diagnostics',
    clean.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n'));

  // 2. Hover on every key of every example shows its title once and a
  // description; and on `deadweight` explains it.
  const examples = ['analysis.yaml', 'framework.yaml', 'offer-greenway.yaml', 'returns-greenway.yaml']
    .filter((name) => existsSync(join(dir, name)));
  for (const name of examples) {
    const text = name === 'analysis.yaml' ? example : readFileSync(join(dir, name), 'utf8');
    const uri = name === 'analysis.yaml' ? exampleUri : await open(name, text);
    if (name !== 'analysis.yaml') {
      const found = diagnostics.get(uri);
      check(found.length === 0, `the example ${name} has no diagnostics`,
        found.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n'));
    }
    const bad = [];
    let keys = 0;
    let block = -1; // the indentation of a block scalar's key, while inside it
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      const indent = lines[line].search(/\S/);
      if (block >= 0 && (indent < 0 || indent > block)) continue;
      block = -1;
      const key = /^( *)(- )?([a-z_]+):( |$)/.exec(lines[line]);
      if (!key) continue;
      if (/: [|>][-+]?\s*(#.*)?$/.test(lines[line])) block = key[1].length + (key[2] ? 2 : 0);
      keys++;
      const character = key[1].length + (key[2] ? 2 : 0) + 1;
      const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      const value = hover?.contents?.value ?? '';
      const headings = value.split('\n').filter((l) => l.startsWith('#### '));
      const body = value.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#### ') && !l.startsWith('Source: '));
      if (headings.length !== 1 || /\|\|/.test(value) || /sroi file$/.test(headings[0]) || body.length === 0) {
        bad.push(`${name}:${line + 1} ${key[3]}: ${JSON.stringify(value)}`);
      }
    }
    check(keys > 0 && bad.length === 0, `hover on each of the ${keys} keys of ${name} shows its own title once and a description`, bad.join('\n'));
  }

  // Hover on `deadweight` explains it, once.
  const hover = await request('textDocument/hover', {
    textDocument: { uri: exampleUri },
    position: positionOf(example, 'deadweight: 25%', { shift: 2 }),
  });
  const shown = hover?.contents?.value ?? '';
  check(/would have happened anyway/i.test(shown), 'hover on `deadweight` says what deadweight is', shown);
  check(count(shown, 'would have happened anyway') === 1, 'hover on `deadweight` says it once', shown);
  check(/#### Deadweight\n/.test(shown) && /`deadweight: 25%`/.test(shown) && /Default 0%/.test(shown),
    'hover on `deadweight` has its title, its default and an example', shown);
  const lines = shown.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('```'));
  check(new Set(lines).size === lines.length, 'hover on `deadweight` repeats no line (no title twice)', shown);

  // 3. Completion inside a new outcome with a quantity: its keys, never `schedule`.
  const newOutcome = '  - id: confidence\n    stakeholder: participants\n    quantity: 40\n    \n';
  const quantityOutcome = edit(example, '  - id: off-benefits\n', `${newOutcome}  - id: off-benefits\n`);
  const completionUri = await open('completion.yaml', quantityOutcome);
  const completion = await request('textDocument/completion', {
    textDocument: { uri: completionUri },
    position: positionOf(quantityOutcome, newOutcome, { shift: newOutcome.length - 1 }),
  });
  const items = completion?.items ?? completion ?? [];
  const labels = items.map((item) => item.label);
  check(!labels.includes('schedule'), 'completion in an outcome with `quantity` does not offer `schedule`', labels.join(', '));
  for (const key of ['description', 'proxy', 'duration', 'deadweight', 'drop_off', 'range', 'evidence', 'excluded', 'value_type']) {
    check(labels.includes(key), `completion in an outcome offers \`${key}\``, labels.join(', '));
  }
  check(!labels.includes('quantity') && !labels.includes('stakeholder'),
    'completion in an outcome does not offer the keys it already has', labels.join(', '));
  check(!labels.some((label) => ['organisation', 'engagement', 'amount', 'hours', 'name', 'measure'].includes(label)),
    'completion in an outcome offers no keys of other objects', labels.join(', '));
  const undocumented = items.filter((item) => {
    const text = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;
    return !text || text.trim() === '';
  });
  check(items.length > 0 && undocumented.length === 0, 'every key completion offers has a description',
    undocumented.map((item) => item.label).join(', '));

  // A new outcome, with neither yet, is offered both forms.
  const bareOutcome = '  - id: confidence\n    stakeholder: participants\n    \n';
  const bare = edit(example, '  - id: off-benefits\n', `${bareOutcome}  - id: off-benefits\n`);
  const bareUri = await open('new-outcome.yaml', bare);
  const bareCompletion = await request('textDocument/completion', {
    textDocument: { uri: bareUri },
    position: positionOf(bare, bareOutcome, { shift: bareOutcome.length - 1 }),
  });
  const bareLabels = (bareCompletion?.items ?? bareCompletion ?? []).map((item) => item.label);
  check(bareLabels.includes('quantity') && bareLabels.includes('schedule'),
    'completion in a new outcome offers both `quantity` and `schedule`', bareLabels.join(', '));

  // And in an outcome with a schedule: neither quantity, duration nor drop_off.
  const scheduleOutcome = edit(example, '  - id: off-benefits\n', '  - id: by-year\n    schedule: [38, 30, 20]\n    \n  - id: off-benefits\n');
  const scheduleUri = await open('schedule.yaml', scheduleOutcome);
  const scheduleCompletion = await request('textDocument/completion', {
    textDocument: { uri: scheduleUri },
    position: positionOf(scheduleOutcome, 'schedule: [38, 30, 20]\n    ', { shift: 'schedule: [38, 30, 20]\n    '.length }),
  });
  const scheduleLabels = (scheduleCompletion?.items ?? scheduleCompletion ?? []).map((item) => item.label);
  check(!scheduleLabels.includes('quantity') && !scheduleLabels.includes('duration') && !scheduleLabels.includes('drop_off'),
    'completion in an outcome with `schedule` offers neither `quantity`, `duration` nor `drop_off`', scheduleLabels.join(', '));
  check(scheduleLabels.includes('proxy') && scheduleLabels.includes('deadweight'),
    'completion in an outcome with `schedule` offers its other keys', scheduleLabels.join(', '));

  // 4. Diagnostics that say what is wrong, on the line that is wrong.
  let broken = example;
  broken = edit(broken, 'deadweight: 25%                  # would have happened anyway', 'deadweight: 125%                 # would have happened anyway');
  broken = edit(broken, 'displacement: 10%                # took a job', 'displacement: lots               # took a job');
  broken = edit(broken, 'attribution: 30%                 # due to others', 'attribution: 30                  # due to others');
  broken = edit(broken, 'duration: 3                      # years it lasts', 'duration: 60                     # years it lasts');
  broken = edit(broken, '    duration: 2\n', '    schedule: [38, 30]\n');
  broken = edit(broken, '    drop_off: 20%                    # lost each year', '    dedweight: 20%                   # lost each year');
  broken = edit(broken, '    amount: 150000\n', '    amount: 150000\n    hours: 10\n');
  broken = edit(broken, 'excluded: Their gain', 'excluded: yes\n    # Their gain');
  const brokenUri = await open('broken.yaml', broken);
  const found = diagnostics.get(brokenUri);
  const at = (needle, nth = 1) => {
    const line = positionOf(broken, needle, { nth }).line;
    return found.filter((d) => d.range.start.line === line).map((d) => d.message);
  };
  const report = found.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n');
  const percent = /0% (to|and) 100%/;
  const said = (messages, pattern) => messages.some((m) => pattern.test(m)) && !messages.some((m) => /Incorrect type/.test(m));
  check(said(at('deadweight: 125%'), percent), '`deadweight: 125%` is an error about the 0% to 100% range', report);
  check(said(at('displacement: lots'), /25%/), '`displacement: lots` is an error showing how a percentage is written', report);
  check(said(at('attribution: 30 '), /30%|25%/) && said(at('attribution: 30 '), /0\.3|0\.25/),
    'a bare `attribution: 30` is an error showing both spellings', report);
  check(said(at('duration: 60'), /50/), '`duration: 60` is an error naming the 50-year limit', report);
  check(at('schedule: [38, 30]').concat(at('quantity: 38', 2)).some((m) => /schedule/.test(m) && /quantity/.test(m)),
    '`schedule` beside `quantity` is an error saying they exclude each other', report);
  check(at('hours: 10').some((m) => /amount/.test(m) && /not both/.test(m)), 'an input with `amount` and `hours` is an error saying why', report);
  check(at('excluded: yes').some((m) => /reason/.test(m)), '`excluded: yes` is an error asking for the reason', report);
  check(at('dedweight').some((m) => /dedweight/.test(m) && /not allowed/.test(m)), 'a misspelt key `dedweight` is an error', report);

  await request('shutdown', null);
  notify('exit', null);
} catch (error) {
  failures.push(String(error));
  console.log(`FAIL ${error.stack ?? error}`);
  server.kill();
}
clearTimeout(timeout);
if (failures.length > 0) {
  console.log(`\n${failures.length} editor check(s) failed`);
  process.exit(1);
}
console.log('\nyaml-language-server: every editor check passes');
