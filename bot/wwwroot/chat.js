// Renders the official Web Chat widget in #webchat, connected to this bot.
// Also works when another site includes this script from the bot's address: everything is resolved against
// the script's own URL, so the bot's address is never written into the embedding page.
(function () {
  'use strict';

  var botBase = new URL('.', document.currentScript.src);

  function showProblem() {
    var status = document.getElementById('chat-status');
    if (!status) return;
    status.textContent = '暫時未能連接聊天服務，請稍後再試。';
    status.hidden = false;
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
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: 'zh-HK',
          styleOptions: { hideUploadButton: true, sendBoxTextWrap: true }
        },
        document.getElementById('webchat')
      );
    })
    .catch(function (error) {
      console.error(error);
      showProblem();
    });
})();
