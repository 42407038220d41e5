// Renders the official Web Chat widget in #webchat, connected to this bot.
// Also works when another site includes this script from the bot's address: everything is resolved against
// the script's own URL, so the bot's address is never written into the embedding page.
(function () {
  'use strict';

  var botBase = new URL('.', document.currentScript.src);

  function showProblem(text) {
    var status = document.getElementById('chat-status');
    if (!status) return;
    status.textContent = text || '暫時未能連接聊天服務，請稍後再試。';
    status.hidden = false;
  }

  function hideProblem() {
    var status = document.getElementById('chat-status');
    if (status) status.hidden = true;
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

  // The send box is where a visitor starts: focused as soon as Web Chat has drawn it.
  function focusSendBox(container) {
    var tries = 0;
    (function attempt() {
      var input = container.querySelector("[data-id='webchat-sendbox-input']");
      if (input) input.focus();
      else if (++tries < 100) setTimeout(attempt, 50);
    })();
  }

  // The bot hands out a token bound to a new conversation. With the built-in Direct Line it also says where that
  // Direct Line is (relative to the bot); otherwise the token is Azure Bot Service's and Web Chat uses Azure's.
  fetch(new URL('api/directline/token', botBase), { method: 'POST' })
    .then(function (response) {
      if (!response.ok) throw new Error('Token request failed: HTTP ' + response.status);
      return response.json();
    })
    .then(function (ticket) {
      var directLine = ticket.domain
        ? window.WebChat.createDirectLine({
            token: ticket.token,
            domain: new URL(ticket.domain, botBase).href.replace(/\/$/, ''),
            webSocket: false
          })
        : window.WebChat.createDirectLine({ token: ticket.token });
      var container = document.getElementById('webchat');
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: window.WebChat.createStore({}, withoutCardText),
          locale: 'zh-HK',
          styleOptions: { hideUploadButton: true, sendBoxTextWrap: true }
        },
        container
      );
      focusSendBox(container);
      watchReachability();
    })
    .catch(function (error) {
      console.error(error);
      showProblem();
    });
})();
