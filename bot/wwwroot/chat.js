// Renders the official Web Chat widget in #webchat, connected to this bot.
// Also works when another site includes this script from the bot's address: everything is resolved against
// the script's own URL, so the bot's address is never written into the embedding page.
(function () {
  'use strict';

  var botBase = new URL('.', document.currentScript.src);
  // The conversation of this tab (its id, a token for it, and where its Direct Line is), so that a reload goes on
  // with it. Session storage: another tab, or the tab once closed, starts afresh.
  var savedKey = 'hkinnobot.conversation';

  // A lost conversation stays said until the visitor starts a new one; a bot out of reach is said while it lasts.
  var conversationLost = false;

  function showProblem(text) {
    var status = document.getElementById('chat-status');
    if (!status) return;
    status.textContent = text || '暫時未能連接聊天服務，請稍後再試。';
    status.hidden = false;
  }

  function hideProblem() {
    var status = document.getElementById('chat-status');
    if (status && !conversationLost) status.hidden = true;
  }

  // Polling Direct Line swallows failed polls, so a stopped bot would leave the page looking connected while a message
  // hangs on "sending". A light look at the bot every 10 s says so instead; any HTTP answer means it is reachable
  // (no-cors: a page embedding the chat from another site needs no CORS for it).
  function watchReachability() {
    setInterval(function () {
      fetch(new URL('healthz', botBase), { cache: 'no-store', mode: 'no-cors' })
        .then(hideProblem)
        .catch(function () { showProblem('與聊天服務的連線中斷了，訊息暫時未能送出。請稍後再試或重新載入頁面。'); });
    }, 10000);
  }

  // Replies carry a card's words as their text too, for clients that read only the text (notifications, text-only
  // Direct Line clients); here the card shows them, so the text is not drawn a second time above it.
  function withoutCardText() {
    return function (next) {
      return function (action) {
        var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload.activity;
        var hasCard = activity && (activity.attachments || []).some(function (attachment) {
          return attachment.contentType === 'application/vnd.microsoft.card.adaptive';
        });
        if (hasCard && activity.text) {
          var withoutText = Object.assign({}, activity);
          delete withoutText.text;
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: withoutText }) });
        }
        return next(action);
      };
    };
  }

  // Web Chat names a reply's parts to screen readers in English whatever its locale ("message", "attachment": fixed
  // strings, not among its localised ones); in this Chinese page they are read in Chinese.
  var roleDescriptions = { message: '訊息', attachment: '附件' };

  function describeRolesInChinese(container) {
    var describe = function (element) {
      var chinese = roleDescriptions[element.getAttribute('aria-roledescription')];
      if (chinese) element.setAttribute('aria-roledescription', chinese);
    };
    var describeWithin = function (node) {
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (node.hasAttribute('aria-roledescription')) describe(node);
      node.querySelectorAll('[aria-roledescription]').forEach(describe);
    };
    describeWithin(container);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) { mutation.addedNodes.forEach(describeWithin); });
    }).observe(container, { childList: true, subtree: true });
  }

  // The send box is where a visitor starts: focused as soon as Web Chat has drawn it.
  function focusSendBox(container) {
    var tries = 0;
    (function attempt() {
      var input = container.querySelector("[data-id='webchat-sendbox-input']");
      if (input) input.focus();
      else if (++tries < 100) setTimeout(attempt, 50);
    })();
  }

  function post(url, token) {
    return fetch(url, { method: 'POST', headers: token ? { Authorization: 'Bearer ' + token } : {} }).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response.json();
    });
  }

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(savedKey));
    } catch (e) {
      return null;
    }
  }

  // The conversation this tab had, under a fresh token, if it is still there; else a new one. The bot hands out a
  // token bound to a new conversation; with the built-in Direct Line it also says where that is (relative to the bot),
  // otherwise the token is Azure Bot Service's and Web Chat uses Azure's.
  function connect() {
    var saved = load();
    var newConversation = function () {
      return post(new URL('api/directline/token', botBase)).then(function (ticket) {
        return { domain: ticket.domain ? new URL(ticket.domain, botBase).href.replace(/\/$/, '') : null, token: ticket.token };
      });
    };
    if (!saved || !saved.conversationId) return newConversation();
    var refresh = (saved.domain || 'https://directline.botframework.com/v3/directline') + '/tokens/refresh';
    return post(refresh, saved.token)
      .then(function (ticket) { return Object.assign({}, saved, { token: ticket.token }); })
      .catch(newConversation);
  }

  function render(chat) {
    var options = { token: chat.token, webSocket: false };
    if (chat.domain) options.domain = chat.domain;
    // With a conversation id, Direct Line reconnects to it and Web Chat reads its history again.
    if (chat.conversationId) options.conversationId = chat.conversationId;
    var directLine = window.WebChat.createDirectLine(options);
    var save = function () {
      if (!directLine.conversationId || startingAfresh) return;
      sessionStorage.setItem(savedKey, JSON.stringify({
        conversationId: directLine.conversationId, token: directLine.token, domain: chat.domain
      }));
    };
    // 2: online. 3, 4, 5: the token expired, the conversation cannot be reached, it ended (a restarted bot has forgotten
    // it): messages can no longer be sent in it, so say so instead of failing each one.
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === 2) save();
      if (status >= 3) {
        conversationLost = true;
        showProblem('這段對話已中斷，訊息未能送出。請按「新對話」重新開始。');
      }
    });
    window.addEventListener('pagehide', save);

    var container = document.getElementById('webchat');
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: window.WebChat.createStore({}, withoutCardText),
        locale: 'zh-HK',
        styleOptions: {
          hideUploadButton: true,
          sendBoxTextWrap: true,
          sendBoxHeight: 48,
          suggestedActionHeight: 44,
          // Replies are not grouped by time (within 1 ms is never), so every answer keeps its own status line, and
          // with it its 👍/👎, when another reply follows it. (false would hide the status lines altogether.)
          groupTimestamp: 1
        }
      },
      container
    );
    describeRolesInChinese(container);
    focusSendBox(container);
    watchReachability();
  }

  // Not saved again as the page unloads.
  var startingAfresh = false;
  document.getElementById('new-conversation')?.addEventListener('click', function () {
    startingAfresh = true;
    sessionStorage.removeItem(savedKey);
    location.reload();
  });

  connect()
    .then(render)
    .catch(function (error) {
      console.error(error);
      var loading = document.querySelector('#webchat .loading');
      if (loading) loading.remove();
      showProblem();
    });
})();
