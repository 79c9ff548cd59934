/* Drogowskaz web chat: forms post by fetch and each turn is added to the page; the location is
   asked from the browser only when the person taps the button. Without this script every form
   is an ordinary post and the chat works the same. */
(function () {
  "use strict";
  var log = document.getElementById("log");
  if (!log || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var hasLocation = "geolocation" in navigator;
  var busy = false;

  function showLocateButtons(root) {
    if (!hasLocation) {
      return;
    }
    var buttons = root.querySelectorAll("button.locate");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].hidden = false;
      var hints = buttons[i].parentNode.querySelectorAll(".hint");
      for (var j = 0; j < hints.length; j += 1) {
        hints[j].hidden = true;
      }
    }
  }

  function setBusy(state) {
    busy = state;
    log.setAttribute("aria-busy", state ? "true" : "false");
    var buttons = document.querySelectorAll("form[data-turn] button");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].disabled = state;
    }
  }

  function updateTokens(token) {
    var inputs = document.querySelectorAll("input[name=csrf]");
    for (var i = 0; i < inputs.length; i += 1) {
      inputs[i].value = token;
    }
  }

  function addTurn(html, reset) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var turn = holder.querySelector("article.turn");
    if (!turn) {
      return null;
    }
    if (reset) {
      log.textContent = "";
    }
    log.appendChild(turn);
    showLocateButtons(turn);
    // The start of the new turn, not its end: 112 and the most urgent lines come first.
    turn.scrollIntoView({ block: "start" });
    return turn;
  }

  function plainPost(form, submitter) {
    form.setAttribute("data-plain", "1");
    if (form.requestSubmit) {
      form.requestSubmit(submitter || undefined);
    } else {
      form.submit();
    }
  }

  function send(body, form, submitter) {
    if (busy) {
      return;
    }
    setBusy(true);
    var fromComposer = form && form.id === "composer";
    fetch("/chat", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      var lang = response.headers.get("X-Chat-Lang");
      if (response.ok && lang && lang !== document.documentElement.lang) {
        // The page's own words follow the conversation's language: show it anew.
        window.location.assign("/chat");
        return null;
      }
      var token = response.headers.get("X-Chat-Csrf");
      var reset = response.headers.get("X-Chat-Reset") === "1";
      return response.text().then(function (html) {
        if (token) {
          updateTokens(token);
        }
        var turn = addTurn(html, reset);
        if (!turn && form) {
          plainPost(form, submitter);
          return;
        }
        if (fromComposer) {
          form.reset();
          document.getElementById("message").focus({ preventScroll: true });
        } else if (turn) {
          turn.focus({ preventScroll: true });
        }
      });
    }).catch(function () {
      if (form) {
        plainPost(form, submitter);
      }
    }).then(function () {
      setBusy(false);
    });
  }

  var lastSubmitter = null;
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) {
      return;
    }
    if (target.classList.contains("locate")) {
      locate(target);
      return;
    }
    lastSubmitter = target;
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-turn") || form.hasAttribute("data-plain")) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter || lastSubmitter;
    var body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) {
      body.append(submitter.name, submitter.value);
    }
    send(body, form, submitter);
  });

  function locate(button) {
    var turn = button.closest("article.turn");
    var status = turn ? turn.querySelector(".locate-status") : null;
    function say(text) {
      if (status) {
        status.textContent = text;
        status.hidden = false;
      }
    }
    say(button.getAttribute("data-finding"));
    navigator.geolocation.getCurrentPosition(function (position) {
      var form = button.closest("form");
      var body = new URLSearchParams();
      body.append("csrf", form.querySelector("input[name=csrf]").value);
      body.append("lang", form.querySelector("input[name=lang]").value);
      body.append("lat", position.coords.latitude.toFixed(5));
      body.append("lon", position.coords.longitude.toFixed(5));
      if (status) {
        status.hidden = true;
      }
      send(body, null, null);
    }, function () {
      say(button.getAttribute("data-refused"));
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
  }

  showLocateButtons(document);
})();
