import type { RequestHandler } from 'express';

/** Serves the agent page. */
export const sendAgentPage: RequestHandler = (_req, res) => {
  res.type('html').send(renderAgentPage());
};

/**
 * The agent page: one self-contained HTML document (no external assets) whose script drives the
 * control API under `/sim/api`. It polls, so messages arriving through the REST API show up.
 */
export function renderAgentPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Unblu simulator – agent desk</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>Unblu simulator</strong> · agent desk <span id="status"></span></header>
<main>
  <nav><h2>Conversations</h2><ul id="conversations"></ul></nav>
  <section id="detail">
    <p class="hint">Pick a conversation. Conversations appear when the middleware creates them.</p>
  </section>
</main>
<template id="detail-template">
  <div class="head"><h2 class="title"></h2><div class="meta"></div>
    <button type="button" class="read">Mark read</button> <button type="button" class="end">End conversation</button></div>
  <ol class="messages"></ol>
  <form class="reply">
    <textarea name="text" rows="3" placeholder="Reply as agent…"></textarea>
    <div><label><input type="checkbox" name="internal"> internal</label>
    <input type="file" name="file"> <button type="submit">Send</button></div>
  </form>
</template>
<script>${SCRIPT}</script>
</body>
</html>`;
}

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 0; color: #1c2430; }
header { padding: 10px 16px; background: #16324f; color: #fff; }
main { display: grid; grid-template-columns: 300px 1fr; height: calc(100vh - 40px); }
nav { border-right: 1px solid #d5dbe3; overflow: auto; padding: 0 8px; }
nav ul { list-style: none; padding: 0; }
nav li { padding: 8px; border-radius: 6px; cursor: pointer; margin-bottom: 4px; background: #f3f5f8; }
nav li.selected { background: #dbe8f7; }
nav li.ENDED { opacity: .55; }
#detail { display: flex; flex-direction: column; padding: 0 16px; overflow: hidden; }
.messages { flex: 1; overflow: auto; list-style: none; padding: 0; }
.messages li { max-width: 70%; margin: 6px 0; padding: 8px 10px; border-radius: 8px; background: #eef1f5; }
.messages li.agent { margin-left: auto; background: #d9f0e1; }
.messages li.internal { background: #fff4cf; }
.states { font-size: 11px; color: #5a6675; margin-top: 4px; }
.meta, .hint { color: #5a6675; }
.reply textarea { width: 100%; box-sizing: border-box; }
.reply { padding-bottom: 12px; }
`;

const SCRIPT = `
const api = (path, body) => fetch('/sim/api' + path, body === undefined ? {} : {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
}).then(async (res) => { const json = await res.json(); if (!res.ok) throw new Error(json.errorMessage || res.status); return json; });
const el = (tag, props, children) => { const e = document.createElement(tag); Object.assign(e, props || {}); (children || []).forEach((c) => e.append(c)); return e; };
const time = (ms) => new Date(ms).toLocaleTimeString();
let selected = location.hash.slice(1) || null;
let shownFor = null;

function states(m) {
  const parts = [];
  if (m.direction === 'agent') {
    if (m.internal) parts.push('internal');
    else parts.push('dispatch: ' + m.dispatch.status + (m.dispatch.error ? ' (' + m.dispatch.error + ')' : m.dispatch.reason ? ' (' + m.dispatch.reason + ')' : ''));
    if (m.externalMessageId) parts.push('external id ' + m.externalMessageId);
    if (m.sentAt) parts.push('sent ' + time(m.sentAt));
    if (m.failure) parts.push('FAILED ' + m.failure.failState + (m.failure.failureText ? ': ' + m.failure.failureText : ''));
  }
  if (m.deliveredAt) parts.push('delivered ' + time(m.deliveredAt));
  if (m.readAt) parts.push('read ' + time(m.readAt));
  return parts.join(' · ');
}

function renderMessage(m) {
  const body = m.type === 'FILE'
    ? [el('a', { href: '/sim/files/' + m.file.fileStoreId, textContent: 'File: ' + m.file.fileName + ' (' + m.file.size + ' bytes)' }),
       m.file.caption ? el('div', { textContent: m.file.caption }) : '']
    : [el('div', { textContent: m.text })];
  return el('li', { className: m.direction + (m.internal ? ' internal' : '') }, [
    el('div', { className: 'states', textContent: m.senderName + ' · ' + time(m.createdAt) }), ...body,
    el('div', { className: 'states', textContent: states(m) })]);
}

function renderDetail(conversation) {
  const detail = document.getElementById('detail');
  if (shownFor !== conversation.id) {
    detail.replaceChildren(document.getElementById('detail-template').content.cloneNode(true));
    detail.querySelector('.read').onclick = () => api('/conversations/' + conversation.id + '/read', {}).then(refresh, alert);
    detail.querySelector('.end').onclick = () => api('/conversations/' + conversation.id + '/end', {}).then(refresh, alert);
    detail.querySelector('.reply').onsubmit = (event) => { event.preventDefault(); send(conversation.id, event.target); };
    shownFor = conversation.id;
  }
  detail.querySelector('.title').textContent = conversation.topic || conversation.sourceId || conversation.id;
  detail.querySelector('.meta').textContent = conversation.state + ' · channel ' + conversation.channelId + ' · ' +
    conversation.participants.map((p) => p.displayName + ' (' + p.participationType + ')').join(', ');
  return api('/conversations/' + conversation.id + '/messages').then((messages) => {
    const list = detail.querySelector('.messages');
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 5;
    list.replaceChildren(...messages.map(renderMessage));
    if (atBottom) list.scrollTop = list.scrollHeight;
  });
}

async function send(id, form) {
  const internal = form.internal.checked;
  const file = form.file.files[0];
  try {
    if (file) {
      const data = await new Promise((ok) => { const r = new FileReader(); r.onload = () => ok(r.result); r.readAsDataURL(file); });
      await api('/conversations/' + id + '/files', { fileName: file.name, mimeType: file.type || 'application/octet-stream',
        dataBase64: String(data).split(',')[1], caption: form.text.value || undefined, internal });
    } else if (form.text.value) {
      await api('/conversations/' + id + '/messages', { text: form.text.value, internal });
    }
    form.reset();
    await refresh();
  } catch (error) { alert(error.message); }
}

async function refresh() {
  try {
    const conversations = await api('/conversations');
    document.getElementById('conversations').replaceChildren(...conversations.slice().reverse().map((c) => {
      const li = el('li', { className: c.state + (c.id === selected ? ' selected' : '') }, [
        el('strong', { textContent: c.topic || c.sourceId || c.id }), el('div', { className: 'meta', textContent: c.state + ' · ' + time(c.createdAt) })]);
      li.onclick = () => { selected = c.id; location.hash = c.id; refresh(); };
      return li;
    }));
    const current = conversations.find((c) => c.id === selected);
    if (current) await renderDetail(current);
    document.getElementById('status').textContent = '';
  } catch (error) { document.getElementById('status').textContent = '· ' + error.message; }
}

refresh();
setInterval(refresh, 1500);
`;
