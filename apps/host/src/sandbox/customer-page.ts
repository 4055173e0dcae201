/** The sandbox's customer page: pick a customer (chat id), write, attach a file, see replies. */
export const CUSTOMER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parley sandbox — customer</title>
<style>
body{font:15px system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
#log{border:1px solid #ccc;border-radius:6px;min-height:12rem;padding:.5rem;margin:1rem 0}
.me{text-align:right;color:#0a5}.agent{color:#05a}
input,button{font:inherit;padding:.3rem}
</style></head>
<body>
<h1>Customer</h1>
<p>You are a customer of the loopback messenger. Write here; the agent answers in Unblu's agent page.</p>
<label>Chat <input id="chat" value="customer-1" size="12"></label>
<label>Name <input id="name" value="Lea Keller" size="14"></label>
<div id="log"></div>
<form id="form"><input id="text" placeholder="Your message" size="40" autocomplete="off">
<input id="file" type="file"> <button>Send</button></form>
<script>
const $ = (id) => document.getElementById(id);
const mine = {};
const chat = () => $('chat').value.trim();
function render(received) {
  const items = [...(mine[chat()] || []), ...received.map((m) => ({ ...m, who: 'agent' }))].sort((a, b) => a.at - b.at);
  $('log').replaceChildren(...items.map((m) => {
    const p = document.createElement('p');
    p.className = m.who === 'agent' ? 'agent' : 'me';
    p.textContent = (m.text || '') + (m.file ? ' [file: ' + m.file + ']' : '');
    return p;
  }));
}
async function poll() {
  try { const r = await fetch('/api/chats/' + encodeURIComponent(chat())); render((await r.json()).received); } catch {}
}
async function readFile(input) {
  const f = input.files[0]; if (!f) return undefined;
  const buf = new Uint8Array(await f.arrayBuffer()); let bin = '';
  for (const b of buf) bin += String.fromCharCode(b);
  return { name: f.name, type: f.type, base64: btoa(bin) };
}
$('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('text').value; const file = await readFile($('file'));
  if (!text && !file) return;
  const r = await fetch('/api/chats/' + encodeURIComponent(chat()) + '/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, name: $('name').value, file }) });
  if (r.ok) { (mine[chat()] ||= []).push({ at: Date.now(), text, file: file && file.name, who: 'me' }); $('text').value = ''; $('file').value = ''; }
  else alert('Not accepted: ' + (await r.text()));
  poll();
});
setInterval(poll, 1000); poll();
</script></body></html>
`;
