// Answering a needs assessment: conveniences on top of pages that work without script.
//
// - Questions whose condition reads answers on the same page are on it, hidden while the
//   condition does not hold (data-condition). When an answer changes, the script asks the
//   server which of them the answers in the form call for (the same page, action=relevance:
//   nothing is saved) and shows or hides them; the server alone evaluates conditions, and
//   decides again on every save. The form then says it was shown with the script (script=1).
// - The "other, specify" field is shown only while "Other" is chosen (or holds text).
// - The list of errors takes the focus, so that screen readers announce it.
(function () {
  "use strict";
  var form = document.querySelector("[data-answer-form]");
  if (!form) return;
  var errors = document.getElementById("answer-errors");
  if (errors) errors.focus();

  var conditional = form.querySelectorAll("[data-condition]");
  if (conditional.length && window.fetch && window.FormData) {
    var marker = document.createElement("input");
    marker.type = "hidden";
    marker.name = "script";
    marker.value = "1";
    form.appendChild(marker);
    Array.prototype.forEach.call(form.querySelectorAll("[data-answer-update]"), function (element) {
      element.hidden = true;
    });
    var pending = null;
    var asked = 0;
    var refresh = function () {
      var body = new FormData(form);
      Array.prototype.forEach.call(form.querySelectorAll('input[type="file"]'), function (input) {
        body.delete(input.name);
      });
      body.set("action", "relevance");
      var number = ++asked;
      fetch(window.location.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: {"Accept": "application/json"},
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        if (!answer || number !== asked) return; // a later question is on its way
        Array.prototype.forEach.call(conditional, function (element) {
          var name = element.getAttribute("data-condition");
          if (name in answer.shown) element.hidden = !answer.shown[name];
        });
      }).catch(function () {
        // Offline or refused: the buttons still save and show what the answers call for.
        Array.prototype.forEach.call(form.querySelectorAll("[data-answer-update]"), function (e) {
          e.hidden = false;
        });
      });
    };
    var later = function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(refresh, 200);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  var others = form.querySelectorAll("[data-answer-other]");
  var sync = function (input) {
    var field = document.getElementById(input.getAttribute("data-answer-other"));
    if (!field) return;
    field.parentNode.hidden = !input.checked && field.value === "";
  };
  Array.prototype.forEach.call(others, function (input) {
    sync(input);
    var group = form.querySelectorAll('input[name="' + input.name + '"]');
    Array.prototype.forEach.call(group, function (sibling) {
      sibling.addEventListener("change", function () { sync(input); });
    });
  });
})();
