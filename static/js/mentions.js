/* @mention suggestions in the forum's composer (templates/community/includes/writing_editor.html).

   An enhancement only: without this script a member types "@handle" and the server links it.
   With it, "@" and a few letters of a handle or a name list, under the caret, up to eight members
   who may read the category (network/community/views/mentions.py answers in JSON).

   The text area keeps the focus throughout. A textarea may not take the combobox role, so it
   says that it suggests (aria-autocomplete="list"), points at the list (aria-controls) and at
   the highlighted member (aria-activedescendant), and a polite live region says how many members
   were found and how to choose, as WAI-ARIA's list autocomplete does. Up and Down move, Enter or
   Tab insert "@handle ", Escape closes; a click or a tap inserts too. Every word shown or said
   comes from the form's data attributes, in the page's language. */
(function () {
  "use strict";

  var WAIT_MS = 150;
  // What precedes the caret while a mention is typed: "@" where a mention may start (not in
  // the middle of ana@example.org, as network/community/markdown.py reads it) and its letters.
  var TYPING = /(?:^|[^\p{L}\p{N}_.@+-])@([\p{L}\p{N}_]{1,30})$/u;
  var LOOK_BACK = 40; // characters before the caret that TYPING needs at most, and then some
  // The styles the caret's mirror takes from the text area, so that its text wraps the same.
  var MIRRORED = [
    "boxSizing", "width", "borderTopWidth", "borderRightWidth", "borderBottomWidth",
    "borderLeftWidth", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "fontFamily", "fontSize", "fontStyle", "fontWeight", "letterSpacing", "lineHeight",
    "textTransform", "wordSpacing", "tabSize"
  ];

  function element(tag, className, text) {
    var made = document.createElement(tag);
    made.className = className;
    if (text) {
      made.textContent = text;
    }
    return made;
  }

  // Where the character at ``index`` sits in the text area (before its scrolling), measured
  // on a hidden copy of the text up to it.
  function caretPoint(field, index) {
    var mirror = element("div", "mention-mirror", field.value.slice(0, index));
    var style = window.getComputedStyle(field);
    MIRRORED.forEach(function (name) {
      mirror.style[name] = style[name];
    });
    var marker = element("span", "", "@");
    mirror.appendChild(marker);
    field.parentNode.appendChild(mirror);
    var point = { top: marker.offsetTop, left: marker.offsetLeft, height: marker.offsetHeight };
    mirror.remove();
    return point;
  }

  function enhance(form, field, number) {
    var words = {
      label: form.getAttribute("data-mention-label"),
      none: form.getAttribute("data-mention-none"),
      hint: form.getAttribute("data-mention-hint")
    };
    var listId = "mention-list-" + number;
    var cache = new Map();
    var typed = null; // { at: index of "@", query: the letters after it }, while mentioning
    var members = [];
    var active = -1;
    var dismissed = "";
    var timer = 0;
    var request = null;

    // The text area moves into a positioned box that also holds the list and the live region.
    var box = element("div", "mention-field");
    field.parentNode.insertBefore(box, field);
    box.appendChild(field);
    var popup = element("div", "mention-popup");
    popup.hidden = true;
    var list = element("ul", "mention-list");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.label);
    var empty = element("p", "mention-empty", words.none);
    popup.append(list, empty);
    var status = element("div", "visually-hidden");
    status.setAttribute("role", "status");
    box.append(popup, status);
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", listId);

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index < 0) {
        field.removeAttribute("aria-activedescendant");
      } else {
        field.setAttribute("aria-activedescendant", list.children[index].id);
      }
    }

    function close() {
      window.clearTimeout(timer);
      if (request) {
        request.abort();
        request = null;
      }
      typed = null;
      members = [];
      list.textContent = "";
      highlight(-1);
      popup.hidden = true;
      status.textContent = "";
    }

    function place() {
      var caret = caretPoint(field, typed.at);
      var top = caret.top - field.scrollTop + caret.height + 4; // a little below the line
      top = Math.min(Math.max(top, caret.height), field.offsetHeight);
      var room = Math.max(0, field.offsetWidth - popup.offsetWidth);
      var left = Math.min(Math.max(0, caret.left - field.scrollLeft), room);
      popup.style.top = field.offsetTop + top + "px";
      popup.style.left = field.offsetLeft + left + "px";
    }

    function show(found) {
      members = found;
      list.textContent = "";
      found.forEach(function (member, index) {
        var option = element("li", "mention-option");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("data-index", String(index));
        option.append(
          element("span", "mention-option__name", member.name),
          " ",
          element("span", "mention-option__handle", "@" + member.handle)
        );
        if (member.detail) {
          option.append(" ", element("span", "mention-option__detail", member.detail));
        }
        list.appendChild(option);
      });
      list.hidden = found.length === 0;
      empty.hidden = found.length !== 0;
      popup.hidden = false;
      place();
      highlight(found.length ? 0 : -1);
      status.textContent = found.length
        ? (form.getAttribute("data-mention-found-" + found.length) || "") + " " + words.hint
        : words.none;
    }

    function ask(key) {
      if (request) {
        request.abort();
      }
      request = new AbortController();
      var address = form.getAttribute("data-mention-url") + "&q=" + encodeURIComponent(key);
      window
        .fetch(address, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: request.signal
        })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (!response.ok || type.indexOf("application/json") !== 0) {
            throw new Error("No suggestions");
          }
          return response.json();
        })
        .then(function (answer) {
          var found = Array.isArray(answer.members) ? answer.members : [];
          cache.set(key, found);
          if (typed && typed.query.toLowerCase() === key) {
            show(found);
          }
        })
        .catch(function () {
          // Stopped, signed out or offline: the member types the handle, as without script.
        });
    }

    // Read what precedes the caret: open, change or close the suggestions.
    function update() {
      var caret = field.selectionStart;
      var before = field.value.slice(Math.max(0, caret - LOOK_BACK), caret);
      var found = caret === field.selectionEnd ? TYPING.exec(before) : null;
      if (!found) {
        dismissed = "";
        close();
        return;
      }
      var query = found[1];
      var at = caret - query.length - 1;
      if (dismissed === at + ":" + query) {
        return;
      }
      dismissed = "";
      typed = { at: at, query: query };
      var key = query.toLowerCase();
      window.clearTimeout(timer);
      if (cache.has(key)) {
        show(cache.get(key));
      } else {
        timer = window.setTimeout(function () {
          ask(key);
        }, WAIT_MS);
      }
    }

    function choose(index) {
      var member = members[index];
      if (!member || !typed) {
        return;
      }
      var end = typed.at + 1 + typed.query.length;
      if (field.value.slice(typed.at, end) !== "@" + typed.query) {
        close();
        return;
      }
      var spaced = /^\s/.test(field.value.slice(end));
      var text = "@" + member.handle + (spaced ? "" : " ");
      field.setRangeText(text, typed.at, end, "end");
      if (spaced) {
        field.selectionStart = field.selectionEnd = field.selectionEnd + 1;
      }
      close();
      field.focus();
    }

    field.addEventListener("input", update);
    field.addEventListener("click", update);
    field.addEventListener("keyup", function (event) {
      if (["ArrowLeft", "ArrowRight", "Home", "End"].indexOf(event.key) >= 0) {
        update();
      }
    });
    field.addEventListener("blur", close);
    field.addEventListener("scroll", function () {
      if (typed && !popup.hidden) {
        place();
      }
    });
    window.addEventListener("resize", function () {
      if (typed && !popup.hidden) {
        place();
      }
    });
    field.addEventListener("keydown", function (event) {
      if (popup.hidden || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var count = members.length;
      if (event.key === "ArrowDown" && count) {
        highlight((active + 1) % count);
        list.children[active].scrollIntoView({ block: "nearest" });
      } else if (event.key === "ArrowUp" && count) {
        highlight((active - 1 + count) % count);
        list.children[active].scrollIntoView({ block: "nearest" });
      } else if ((event.key === "Enter" || (event.key === "Tab" && !event.shiftKey)) && active >= 0) {
        choose(active);
      } else if (event.key === "Escape") {
        dismissed = typed ? typed.at + ":" + typed.query : "";
        close();
      } else {
        return;
      }
      event.preventDefault();
    });
    // Pressing on a member must not take the focus (and the caret) from the text area.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("mousemove", function (event) {
      var option = event.target.closest("[role=option]");
      if (option && Number(option.getAttribute("data-index")) !== active) {
        highlight(Number(option.getAttribute("data-index")));
      }
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        choose(Number(option.getAttribute("data-index")));
      }
    });
  }

  document.querySelectorAll("form[data-mention-url]").forEach(function (form, number) {
    var field = form.querySelector("textarea[name=source]");
    if (field && typeof field.setRangeText === "function") {
      enhance(form, field, number);
    }
  });
})();
