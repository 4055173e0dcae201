/**
 * The customer page served at `/`: pick or create a customer, write, attach a file, and watch the
 * bot's (the agent's) replies arrive. Self-contained (inline CSS and JS, no external assets); it
 * talks only to the control API and polls the open chat every second. Every text is rendered with
 * `textContent` from the parsed plain text, so nothing a bot sends is interpreted as markup.
 * `?token=` in the page URL selects a bot other than the default.
 */
export function customerPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Telegram simulator</title>
<style>${styles}</style>
</head>
<body>
<header><strong>Telegram simulator</strong> <span id="bot"></span></header>
<main>
  <aside>
    <h2>Customers</h2>
    <ul id="customers"></ul>
    <form id="new-customer">
      <input name="firstName" placeholder="First name" required>
      <input name="lastName" placeholder="Last name">
      <input name="username" placeholder="username">
      <button>Add customer</button>
    </form>
  </aside>
  <section id="chat">
    <div id="chat-header"><span id="chat-title">Pick or add a customer</span>
      <button id="block" hidden></button></div>
    <ol id="messages"></ol>
    <form id="composer" hidden>
      <label class="attach" title="Attach a file"><span id="file-label">Attach</span><input type="file" id="file"></label>
      <input id="text" placeholder="Message (caption when a file is attached)" autocomplete="off">
      <button>Send</button>
    </form>
    <div id="status" role="status"></div>
  </section>
</main>
<script>${script}</script>
</body>
</html>`;
}

const styles = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e7ebf0; color: #222; height: 100vh; display: flex; flex-direction: column; }
header { background: #517da2; color: #fff; padding: 10px 16px; }
header span { opacity: .85; margin-left: 8px; }
main { flex: 1; display: flex; min-height: 0; }
aside { width: 240px; background: #fff; border-right: 1px solid #d5dbe1; padding: 12px; overflow-y: auto; }
aside h2 { font-size: 13px; text-transform: uppercase; color: #777; margin: 0 0 8px; }
#customers { list-style: none; margin: 0 0 16px; padding: 0; }
#customers li { padding: 8px; border-radius: 6px; cursor: pointer; }
#customers li:hover { background: #f0f2f5; }
#customers li.active { background: #419fd9; color: #fff; }
#customers li small { display: block; opacity: .75; }
#new-customer { display: flex; flex-direction: column; gap: 6px; }
input { font: inherit; padding: 6px 8px; border: 1px solid #ccd3da; border-radius: 6px; }
button { font: inherit; padding: 6px 12px; border: 0; border-radius: 6px; background: #419fd9; color: #fff; cursor: pointer; }
#chat { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#chat-header { background: #fff; padding: 10px 16px; border-bottom: 1px solid #d5dbe1; display: flex; justify-content: space-between; align-items: center; }
#block { background: #c0392b; }
#messages { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 16px; display: flex; flex-direction: column; gap: 6px; }
#messages li { max-width: 70%; padding: 6px 10px; border-radius: 10px; background: #fff; align-self: flex-start; white-space: pre-wrap; word-wrap: break-word; box-shadow: 0 1px 1px rgba(0,0,0,.1); }
#messages li.customer { align-self: flex-end; background: #effdde; }
#messages .meta { font-size: 11px; color: #888; margin-top: 2px; text-align: right; }
#messages .reply { font-size: 12px; border-left: 3px solid #419fd9; padding-left: 6px; color: #555; margin-bottom: 4px; }
#messages img { max-width: 240px; display: block; border-radius: 6px; margin-bottom: 4px; }
#messages a.file { display: inline-block; padding: 4px 8px; margin-bottom: 4px; background: #eef3f8; border-radius: 6px; text-decoration: none; }
#messages a.file::before { content: 'File: '; color: #777; }
#composer { display: flex; gap: 8px; padding: 10px 16px; background: #fff; border-top: 1px solid #d5dbe1; }
#composer #text { flex: 1; }
.attach { cursor: pointer; padding: 6px 10px; border: 1px solid #ccd3da; border-radius: 6px; color: #517da2; white-space: nowrap; max-width: 180px; overflow: hidden; text-overflow: ellipsis; }
.attach input { display: none; }
.attach.has-file { background: #ffe9a8; }
#status { font-size: 12px; color: #c0392b; padding: 0 16px 6px; min-height: 18px; background: #fff; }
`;

const script = `
(function () {
  var token = new URLSearchParams(location.search).get('token');
  var selected = null;
  var lastRendered = '';
  var $ = function (id) { return document.getElementById(id); };

  function api(path, options) {
    var url = path + (token ? (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token) : '');
    return fetch(url, options).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || response.statusText);
        return body;
      });
    });
  }
  function post(path, body) {
    return api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }
  function showError(error) { $('status').textContent = error ? String(error.message || error) : ''; }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fullName(c) { return c.firstName + (c.lastName ? ' ' + c.lastName : ''); }

  function loadCustomers() {
    return api('/_sim/customers').then(function (customers) {
      var list = $('customers');
      list.replaceChildren();
      customers.forEach(function (c) {
        var item = element('li', c.chatId === (selected && selected.chatId) ? 'active' : '', fullName(c));
        item.appendChild(element('small', '', (c.username ? '@' + c.username + ' · ' : '') + 'id ' + c.id + (c.blocked ? ' · blocked the bot' : '')));
        item.onclick = function () { select(c); };
        list.appendChild(item);
        if (selected && selected.chatId === c.chatId) selected = c;
      });
      if (selected) showChatHeader();
    });
  }
  function select(customer) {
    selected = customer;
    lastRendered = '';
    $('composer').hidden = false;
    showChatHeader();
    loadCustomers().then(refresh).catch(showError);
  }
  function showChatHeader() {
    $('chat-title').textContent = fullName(selected) + ' (chat ' + selected.chatId + ')';
    $('block').hidden = false;
    $('block').textContent = selected.blocked ? 'Unblock the bot' : 'Block the bot';
  }

  function render(log) {
    var key = JSON.stringify(log.messages.map(function (m) { return [m.messageId, m.editedAt, m.text]; }));
    if (key === lastRendered) return;
    lastRendered = key;
    var list = $('messages');
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren();
    var byId = {};
    log.messages.forEach(function (m) { byId[m.messageId] = m; });
    log.messages.forEach(function (m) { list.appendChild(messageItem(m, byId[m.replyToMessageId])); });
    if (atBottom) list.scrollTop = list.scrollHeight;
  }
  function messageItem(m, replied) {
    var item = element('li', m.from);
    if (m.replyToMessageId) item.appendChild(element('div', 'reply', replied ? preview(replied) : 'reply to #' + m.replyToMessageId));
    if (m.file && m.file.kind === 'photo') {
      var image = element('img');
      image.src = m.file.url;
      image.alt = 'photo';
      item.appendChild(image);
    } else if (m.file) {
      var link = element('a', 'file', (m.file.fileName || m.file.kind) + ' (' + Math.ceil(m.file.size / 1024) + ' KB)');
      link.href = m.file.url;
      link.target = '_blank';
      item.appendChild(link);
      if (m.text) item.appendChild(document.createElement('br'));
    }
    if (m.text) item.appendChild(document.createTextNode(m.text));
    var time = new Date(m.date * 1000).toLocaleTimeString();
    item.appendChild(element('div', 'meta', '#' + m.messageId + ' · ' + (m.from === 'bot' ? 'agent · ' : '') + time + (m.editedAt ? ' · edited' : '')));
    return item;
  }
  function preview(m) {
    var text = m.text || (m.file ? (m.file.fileName || m.file.kind) : '');
    return text.length > 60 ? text.slice(0, 60) + '...' : text;
  }
  function refresh() {
    if (!selected) return Promise.resolve();
    return api('/_sim/chats/' + selected.chatId).then(function (log) {
      if (log.customer && log.customer.blocked !== selected.blocked) loadCustomers();
      render(log);
      showError(null);
    });
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result).split(',')[1] || ''); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }
  $('composer').onsubmit = function (event) {
    event.preventDefault();
    var text = $('text').value;
    var file = $('file').files[0];
    if (!text && !file) return;
    var sending = file
      ? readFile(file).then(function (base64) {
          var body = { file: { name: file.name, type: file.type || 'application/octet-stream', base64: base64 } };
          if (text) body.caption = text;
          return post('/_sim/chats/' + selected.chatId + '/messages', body);
        })
      : post('/_sim/chats/' + selected.chatId + '/messages', { text: text });
    sending.then(function () {
      $('text').value = '';
      $('file').value = '';
      $('file').parentNode.classList.remove('has-file');
      $('file-label').textContent = 'Attach';
      return refresh();
    }).catch(showError);
  };
  $('file').onchange = function () {
    var file = $('file').files[0];
    $('file').parentNode.classList.toggle('has-file', !!file);
    $('file-label').textContent = file ? file.name : 'Attach';
  };
  $('block').onclick = function () {
    post('/_sim/chats/' + selected.chatId + '/blocked', { blocked: !selected.blocked }).then(loadCustomers).catch(showError);
  };
  $('new-customer').onsubmit = function (event) {
    event.preventDefault();
    var form = event.target;
    var body = { firstName: form.firstName.value };
    if (form.lastName.value) body.lastName = form.lastName.value;
    if (form.username.value) body.username = form.username.value;
    post('/_sim/customers', body).then(function (customer) { form.reset(); select(customer); }).catch(showError);
  };

  api('/_sim/bot').then(function (bot) { $('bot').textContent = 'chatting with ' + bot.user.first_name + ' (@' + bot.user.username + ')'; }).catch(showError);
  loadCustomers().catch(showError);
  setInterval(function () { refresh().catch(showError); }, 1000);
})();
`;
