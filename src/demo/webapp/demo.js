// The JSON path: take the token from the widget's captchaSolved event, send it with fetch, show the answer,
// reset the widget. Listeners sit on the form, so they hear only this form's widget.
(function () {
  'use strict';

  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (notJson) {
      return text;
    }
  }

  function setUp() {
    var form = document.getElementById('json-form');
    if (!form) {
      return;
    }
    var send = document.getElementById('json-send');
    var answer = document.getElementById('json-answer');
    var verdict = document.getElementById('json-verdict');
    var summary = document.getElementById('json-summary');
    var body = document.getElementById('json-body');
    var token = null;

    form.addEventListener('captchaSolved', function (event) {
      token = event.detail;
      send.disabled = false;
    });
    ['captchaReset', 'captchaExpired', 'captchaFailed'].forEach(function (name) {
      form.addEventListener(name, function () {
        token = null;
        send.disabled = true;
      });
    });
    form.addEventListener('captchaFailed', function (event) {
      show('refused', 'The widget failed', (event.detail && event.detail.message) || 'unknown error', '');
    });

    function show(kind, headline, text, json) {
      answer.hidden = false;
      answer.className = 'answer ' + kind;
      verdict.textContent = headline;
      summary.textContent = text;
      body.textContent = json;
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!token) {
        return;
      }
      send.disabled = true;
      var sent = token;
      token = null;
      fetch('api/example', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
        body: JSON.stringify({verificationToken: sent})
      }).then(function (response) {
        return response.text().then(function (text) {
          var problem = null;
          try {
            problem = JSON.parse(text);
          } catch (notJson) {
            problem = null;
          }
          if (response.ok) {
            show('accepted', 'Accepted', 'HTTP ' + response.status + ': the verification result, as the server '
                + 'answered it.', pretty(text));
          } else {
            var code = problem && problem.code ? problem.code : 'no code';
            var detail = problem && problem.detail ? problem.detail : '';
            show('refused', 'Refused: ' + (problem && problem.title ? problem.title : 'HTTP ' + response.status),
                'HTTP ' + response.status + ', code ' + code + '. ' + detail, pretty(text));
          }
        });
      }).catch(function (error) {
        show('refused', 'Not sent', String(error), '');
      }).finally(function () {
        var widget = form.querySelector('trustcaptcha-component');
        if (widget && widget.reset) {
          widget.reset();
        }
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUp);
  } else {
    setUp();
  }
}());
